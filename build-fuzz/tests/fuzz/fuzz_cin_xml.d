build-fuzz/tests/fuzz/fuzz_cin_xml.o: tests/fuzz/fuzz_cin_xml.c \
  extract/cin_xml.h common/csvio.h common/lscb.h common/records.h

extract/cin_xml.h:

common/csvio.h:

common/lscb.h:

common/records.h:
