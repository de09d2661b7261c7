build-fuzz/run/pipeline.o: run/pipeline.c run/pipeline.h common/lscb.h \
  common/csvio.h common/date.h extract/extract.h load/load.h \
  output/report.h stats/stats.h transform/transform.h

run/pipeline.h:

common/lscb.h:

common/csvio.h:

common/date.h:

extract/extract.h:

load/load.h:

output/report.h:

stats/stats.h:

transform/transform.h:
