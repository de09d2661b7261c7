build-fuzz/load/load.o: load/load.c load/load.h common/lscb.h \
  common/csvio.h common/pseudonym.h common/records.h common/warehouse.h

load/load.h:

common/lscb.h:

common/csvio.h:

common/pseudonym.h:

common/records.h:

common/warehouse.h:
