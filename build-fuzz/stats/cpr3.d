build-fuzz/stats/cpr3.o: stats/cpr3.c stats/cpr3.h stats/ladata.h \
  common/date.h common/lscb.h stats/measures.h common/csvio.h \
  common/measure_defs.h common/workdays.h common/bands.h

stats/cpr3.h:

stats/ladata.h:

common/date.h:

common/lscb.h:

stats/measures.h:

common/csvio.h:

common/measure_defs.h:

common/workdays.h:

common/bands.h:
