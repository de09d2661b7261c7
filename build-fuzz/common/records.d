build-fuzz/common/records.o: common/records.c common/records.h

common/records.h:
