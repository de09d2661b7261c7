build-fuzz/extract/extract.o: extract/extract.c extract/extract.h \
  common/lscb.h extract/cin_xml.h common/csvio.h common/records.h \
  extract/census_csv.h extract/local_csv.h

extract/extract.h:

common/lscb.h:

extract/cin_xml.h:

common/csvio.h:

common/records.h:

extract/census_csv.h:

extract/local_csv.h:
