build-fuzz/common/warehouse.o: common/warehouse.c common/warehouse.h \
  common/lscb.h common/records.h

common/warehouse.h:

common/lscb.h:

common/records.h:
