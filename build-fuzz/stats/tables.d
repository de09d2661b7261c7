build-fuzz/stats/tables.o: stats/tables.c stats/tables.h stats/ladata.h \
  common/date.h common/lscb.h stats/measures.h common/csvio.h \
  common/measure_defs.h common/workdays.h common/bands.h \
  common/template.h stats/benchmarks.h common/config.h stats/published.h \
  common/suppress.h

stats/tables.h:

stats/ladata.h:

common/date.h:

common/lscb.h:

stats/measures.h:

common/csvio.h:

common/measure_defs.h:

common/workdays.h:

common/bands.h:

common/template.h:

stats/benchmarks.h:

common/config.h:

stats/published.h:

common/suppress.h:
