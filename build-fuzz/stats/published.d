build-fuzz/stats/published.o: stats/published.c stats/published.h \
  common/lscb.h common/csvio.h common/paths.h common/measure_defs.h \
  stats/measures.h common/date.h stats/ladata.h common/workdays.h \
  common/bands.h

stats/published.h:

common/lscb.h:

common/csvio.h:

common/paths.h:

common/measure_defs.h:

stats/measures.h:

common/date.h:

stats/ladata.h:

common/workdays.h:

common/bands.h:
