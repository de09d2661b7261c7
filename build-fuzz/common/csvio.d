build-fuzz/common/csvio.o: common/csvio.c common/csvio.h common/lscb.h

common/csvio.h:

common/lscb.h:
