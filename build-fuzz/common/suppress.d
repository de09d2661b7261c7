build-fuzz/common/suppress.o: common/suppress.c common/suppress.h

common/suppress.h:
