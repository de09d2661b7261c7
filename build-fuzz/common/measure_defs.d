build-fuzz/common/measure_defs.o: common/measure_defs.c \
  common/measure_defs.h

common/measure_defs.h:
