build-fuzz/common/paths.o: common/paths.c common/paths.h common/csvio.h \
  common/lscb.h

common/paths.h:

common/csvio.h:

common/lscb.h:
