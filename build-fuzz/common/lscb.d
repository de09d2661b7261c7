build-fuzz/common/lscb.o: common/lscb.c common/lscb.h

common/lscb.h:
