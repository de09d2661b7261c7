build-fuzz/stats/measures.o: stats/measures.c stats/measures.h \
  common/csvio.h common/lscb.h common/date.h stats/ladata.h \
  common/measure_defs.h common/workdays.h common/bands.h

stats/measures.h:

common/csvio.h:

common/lscb.h:

common/date.h:

stats/ladata.h:

common/measure_defs.h:

common/workdays.h:

common/bands.h:
