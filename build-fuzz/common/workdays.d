build-fuzz/common/workdays.o: common/workdays.c common/workdays.h \
  common/date.h common/lscb.h common/csvio.h common/paths.h

common/workdays.h:

common/date.h:

common/lscb.h:

common/csvio.h:

common/paths.h:
