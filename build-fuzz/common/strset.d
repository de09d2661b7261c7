build-fuzz/common/strset.o: common/strset.c common/strset.h common/lscb.h

common/strset.h:

common/lscb.h:
