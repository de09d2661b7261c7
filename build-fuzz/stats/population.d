build-fuzz/stats/population.o: stats/population.c stats/population.h \
  common/lscb.h common/csvio.h

stats/population.h:

common/lscb.h:

common/csvio.h:
