build-fuzz/common/pseudonym.o: common/pseudonym.c common/pseudonym.h \
  common/lscb.h

common/pseudonym.h:

common/lscb.h:
