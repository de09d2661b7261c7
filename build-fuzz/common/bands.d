build-fuzz/common/bands.o: common/bands.c common/bands.h common/date.h

common/bands.h:

common/date.h:
