build-fuzz/output/report.o: output/report.c output/report.h common/lscb.h \
  common/csvio.h common/date.h common/measure_defs.h common/paths.h \
  common/template.h common/bands.h transform/transform.h

output/report.h:

common/lscb.h:

common/csvio.h:

common/date.h:

common/measure_defs.h:

common/paths.h:

common/template.h:

common/bands.h:

transform/transform.h:
