build-fuzz/stats/narrative.o: stats/narrative.c stats/narrative.h \
  stats/ladata.h common/date.h common/lscb.h stats/measures.h \
  common/csvio.h common/measure_defs.h common/workdays.h common/bands.h \
  stats/tables.h common/template.h stats/benchmarks.h common/config.h \
  stats/published.h

stats/narrative.h:

stats/ladata.h:

common/date.h:

common/lscb.h:

stats/measures.h:

common/csvio.h:

common/measure_defs.h:

common/workdays.h:

common/bands.h:

stats/tables.h:

common/template.h:

stats/benchmarks.h:

common/config.h:

stats/published.h:
