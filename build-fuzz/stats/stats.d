build-fuzz/stats/stats.o: stats/stats.c stats/stats.h common/lscb.h \
  common/csvio.h stats/ladata.h common/date.h stats/measures.h \
  common/measure_defs.h common/workdays.h common/bands.h common/paths.h \
  stats/population.h stats/benchmarks.h common/config.h \
  stats/published.h stats/cpr3.h stats/narrative.h stats/tables.h \
  common/template.h common/warehouse.h common/records.h

stats/stats.h:

common/lscb.h:

common/csvio.h:

stats/ladata.h:

common/date.h:

stats/measures.h:

common/measure_defs.h:

common/workdays.h:

common/bands.h:

common/paths.h:

stats/population.h:

stats/benchmarks.h:

common/config.h:

stats/published.h:

stats/cpr3.h:

stats/narrative.h:

stats/tables.h:

common/template.h:

common/warehouse.h:

common/records.h:
