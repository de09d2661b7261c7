build-fuzz/tests/fuzz/fuzz_template.o: tests/fuzz/fuzz_template.c \
  common/config.h common/lscb.h common/template.h common/bands.h \
  common/date.h

common/config.h:

common/lscb.h:

common/template.h:

common/bands.h:

common/date.h:
