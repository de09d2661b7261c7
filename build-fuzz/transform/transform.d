build-fuzz/transform/transform.o: transform/transform.c \
  transform/transform.h common/lscb.h common/csvio.h common/date.h \
  common/records.h common/strset.h

transform/transform.h:

common/lscb.h:

common/csvio.h:

common/date.h:

common/records.h:

common/strset.h:
