build-fuzz/common/util.o: common/util.c common/util.h common/lscb.h

common/util.h:

common/lscb.h:
