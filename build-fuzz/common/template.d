build-fuzz/common/template.o: common/template.c common/template.h \
  common/bands.h common/date.h common/lscb.h common/measure_defs.h \
  common/paths.h common/util.h

common/template.h:

common/bands.h:

common/date.h:

common/lscb.h:

common/measure_defs.h:

common/paths.h:

common/util.h:
