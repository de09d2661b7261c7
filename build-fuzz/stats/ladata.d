build-fuzz/stats/ladata.o: stats/ladata.c stats/ladata.h common/date.h \
  common/lscb.h

stats/ladata.h:

common/date.h:

common/lscb.h:
