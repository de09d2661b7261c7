build-fuzz/stats/cpp.o: stats/cpp.c common/bands.h common/date.h \
  stats/measures.h common/csvio.h common/lscb.h stats/ladata.h \
  common/measure_defs.h common/workdays.h

common/bands.h:

common/date.h:

stats/measures.h:

common/csvio.h:

common/lscb.h:

stats/ladata.h:

common/measure_defs.h:

common/workdays.h:
