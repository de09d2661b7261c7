build-fuzz/stats/benchmarks.o: stats/benchmarks.c stats/benchmarks.h \
  common/config.h common/lscb.h stats/published.h common/csvio.h \
  common/measure_defs.h common/paths.h

stats/benchmarks.h:

common/config.h:

common/lscb.h:

stats/published.h:

common/csvio.h:

common/measure_defs.h:

common/paths.h:
