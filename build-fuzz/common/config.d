build-fuzz/common/config.o: common/config.c common/config.h common/lscb.h \
  common/util.h

common/config.h:

common/lscb.h:

common/util.h:
