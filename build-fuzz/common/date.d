build-fuzz/common/date.o: common/date.c common/date.h

common/date.h:
