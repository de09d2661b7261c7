build-fuzz/tests/fuzz/fuzz_csv.o: tests/fuzz/fuzz_csv.c \
  extract/census_csv.h extract/cin_xml.h common/csvio.h common/lscb.h \
  common/records.h

extract/census_csv.h:

extract/cin_xml.h:

common/csvio.h:

common/lscb.h:

common/records.h:
