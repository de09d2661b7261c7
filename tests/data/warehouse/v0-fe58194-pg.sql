--
-- PostgreSQL database dump
--


-- Dumped from database version 15.18 (Debian 15.18-0+deb12u1)
-- Dumped by pg_dump version 15.18 (Debian 15.18-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: public; Type: SCHEMA; Schema: -; Owner: -
--

-- *not* creating schema, since initdb creates it


SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: assessment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.assessment (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    start_date text COLLATE pg_catalog."C",
    internal_review_date text COLLATE pg_catalog."C",
    authorisation_date text COLLATE pg_catalog."C",
    factors text COLLATE pg_catalog."C"
);


--
-- Name: census_assessment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.census_assessment (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    start_date text COLLATE pg_catalog."C",
    internal_review_date text COLLATE pg_catalog."C",
    authorisation_date text COLLATE pg_catalog."C",
    factors text COLLATE pg_catalog."C"
);


--
-- Name: census_child; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.census_child (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    birth_date text COLLATE pg_catalog."C",
    expected_birth_date text COLLATE pg_catalog."C",
    gender text COLLATE pg_catalog."C",
    death_date text COLLATE pg_catalog."C",
    ethnicity text COLLATE pg_catalog."C",
    disabilities text COLLATE pg_catalog."C"
);


--
-- Name: census_cin_plan; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.census_cin_plan (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    start_date text COLLATE pg_catalog."C",
    end_date text COLLATE pg_catalog."C"
);


--
-- Name: census_core_assessment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.census_core_assessment (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    start_date text COLLATE pg_catalog."C",
    completion_date text COLLATE pg_catalog."C"
);


--
-- Name: census_cpp; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.census_cpp (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    start_date text COLLATE pg_catalog."C",
    end_date text COLLATE pg_catalog."C",
    initial_category text COLLATE pg_catalog."C",
    latest_category text COLLATE pg_catalog."C",
    previous_plans integer
);


--
-- Name: census_cpp_review; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.census_cpp_review (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    cpp_start_date text COLLATE pg_catalog."C",
    review_date text COLLATE pg_catalog."C"
);


--
-- Name: census_cpr3; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.census_cpr3 (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    item text COLLATE pg_catalog."C",
    value integer
);


--
-- Name: census_episode; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.census_episode (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    referral_source text COLLATE pg_catalog."C",
    primary_need text COLLATE pg_catalog."C",
    closure_date text COLLATE pg_catalog."C",
    closure_reason text COLLATE pg_catalog."C",
    date_initial_cpc text COLLATE pg_catalog."C",
    referral_nfa text COLLATE pg_catalog."C"
);


--
-- Name: census_initial_assessment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.census_initial_assessment (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    start_date text COLLATE pg_catalog."C",
    completion_date text COLLATE pg_catalog."C"
);


--
-- Name: census_s47; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.census_s47 (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    start_date text COLLATE pg_catalog."C",
    icpc_target_date text COLLATE pg_catalog."C",
    date_initial_cpc text COLLATE pg_catalog."C",
    icpc_not_required text COLLATE pg_catalog."C"
);


--
-- Name: census_strategy; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.census_strategy (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    discussion_date text COLLATE pg_catalog."C",
    outcome text COLLATE pg_catalog."C"
);


--
-- Name: child; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.child (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    birth_date text COLLATE pg_catalog."C",
    expected_birth_date text COLLATE pg_catalog."C",
    gender text COLLATE pg_catalog."C",
    death_date text COLLATE pg_catalog."C",
    ethnicity text COLLATE pg_catalog."C",
    disabilities text COLLATE pg_catalog."C"
);


--
-- Name: cin_plan; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cin_plan (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    start_date text COLLATE pg_catalog."C",
    end_date text COLLATE pg_catalog."C"
);


--
-- Name: core_assessment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.core_assessment (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    start_date text COLLATE pg_catalog."C",
    completion_date text COLLATE pg_catalog."C"
);


--
-- Name: cpp; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cpp (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    start_date text COLLATE pg_catalog."C",
    end_date text COLLATE pg_catalog."C",
    initial_category text COLLATE pg_catalog."C",
    latest_category text COLLATE pg_catalog."C",
    previous_plans integer
);


--
-- Name: cpp_review; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cpp_review (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    cpp_start_date text COLLATE pg_catalog."C",
    review_date text COLLATE pg_catalog."C"
);


--
-- Name: cpr3; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.cpr3 (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    item text COLLATE pg_catalog."C",
    value integer
);


--
-- Name: episode; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.episode (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    referral_source text COLLATE pg_catalog."C",
    primary_need text COLLATE pg_catalog."C",
    closure_date text COLLATE pg_catalog."C",
    closure_reason text COLLATE pg_catalog."C",
    date_initial_cpc text COLLATE pg_catalog."C",
    referral_nfa text COLLATE pg_catalog."C"
);


--
-- Name: initial_assessment; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.initial_assessment (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    start_date text COLLATE pg_catalog."C",
    completion_date text COLLATE pg_catalog."C"
);


--
-- Name: load_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.load_log (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text NOT NULL COLLATE pg_catalog."C",
    records integer,
    kind text DEFAULT 'census'::text NOT NULL COLLATE pg_catalog."C"
);


--
-- Name: s47; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.s47 (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    referral_date text COLLATE pg_catalog."C",
    start_date text COLLATE pg_catalog."C",
    icpc_target_date text COLLATE pg_catalog."C",
    date_initial_cpc text COLLATE pg_catalog."C",
    icpc_not_required text COLLATE pg_catalog."C"
);


--
-- Name: strategy; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.strategy (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    source_file text COLLATE pg_catalog."C",
    source_line bigint,
    child_id text COLLATE pg_catalog."C",
    discussion_date text COLLATE pg_catalog."C",
    outcome text COLLATE pg_catalog."C"
);


--
-- Name: validation_count; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.validation_count (
    la_code text NOT NULL COLLATE pg_catalog."C",
    census_year integer NOT NULL,
    rule text NOT NULL COLLATE pg_catalog."C",
    failures integer
);


--
-- Name: warehouse_meta; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.warehouse_meta (
    name text NOT NULL COLLATE pg_catalog."C",
    value text COLLATE pg_catalog."C"
);


--
-- Data for Name: assessment; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.assessment (la_code, census_year, source_file, source_line, child_id, referral_date, start_date, internal_review_date, authorisation_date, factors) FROM stdin;
\.


--
-- Data for Name: census_assessment; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.census_assessment (la_code, census_year, source_file, source_line, child_id, referral_date, start_date, internal_review_date, authorisation_date, factors) FROM stdin;
\.


--
-- Data for Name: census_child; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.census_child (la_code, census_year, source_file, source_line, child_id, birth_date, expected_birth_date, gender, death_date, ethnicity, disabilities) FROM stdin;
205	2023	tests/cases/hand/inputs/cin-2023.xml	17	9c00b720bc8c4314b6296ec4cd4678ea	2015-06-01	\N	1	\N	WBRI	\N
205	2023	tests/cases/hand/inputs/cin-2023.xml	39	bc9bce294cc52e3310be8aca02d3fead	2020-02-29	\N	2	\N	BAFR	\N
205	2023	tests/cases/hand/inputs/cin-2023.xml	66	3fcf40b4c31e17519a022de02cdfe5db	2012-12-12	\N	2	\N	ABAN	\N
205	2023	tests/cases/hand/inputs/cin-2023.xml	88	7224e3e47e71c95dfa1938cdd8aa4700	2018-07-07	\N	1	\N	CHNE	\N
205	2023	tests/cases/hand/inputs/cin-2023.xml	110	95ed43a3f24dbf60e9eb65c35ae48f30	2011-01-01	\N	2	\N	WOTH	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	17	9c00b720bc8c4314b6296ec4cd4678ea	2015-06-01	\N	1	\N	WBRI	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	42	bc9bce294cc52e3310be8aca02d3fead	2020-02-29	\N	2	\N	BAFR	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	68	f85bc6822c1d4f577833a5f8f6582897	\N	2024-05-10	0	\N	NOBT	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	95	ef45e3aed9531fd6d10361b9026b5792	2007-04-01	\N	1	\N	MWBC	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	126	3fcf40b4c31e17519a022de02cdfe5db	2012-12-12	\N	2	\N	ABAN	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	149	7224e3e47e71c95dfa1938cdd8aa4700	2018-07-07	\N	1	\N	CHNE	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	171	95ed43a3f24dbf60e9eb65c35ae48f30	2011-01-01	\N	2	\N	WOTH	\N
205	2012	tests/cases/era2012/inputs/child.csv	2	8313cefea088913d1632145b5d97367d	2008-05-01	\N	1	\N	WBRI	\N
205	2012	tests/cases/era2012/inputs/child.csv	3	c1201c1e33b3d2cb10d3a14888f08e1c	2005-01-01	\N	2	\N	BAFR	\N
205	2012	tests/cases/era2012/inputs/child.csv	4	1f688bd878662ee710c2d49e58f20136	2010-09-09	\N	1	\N	MWBC	\N
\.


--
-- Data for Name: census_cin_plan; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.census_cin_plan (la_code, census_year, source_file, source_line, child_id, referral_date, start_date, end_date) FROM stdin;
\.


--
-- Data for Name: census_core_assessment; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.census_core_assessment (la_code, census_year, source_file, source_line, child_id, referral_date, start_date, completion_date) FROM stdin;
205	2012	tests/cases/era2012/inputs/core_assessment.csv	2	8313cefea088913d1632145b5d97367d	2011-04-20	2011-05-11	2011-06-30
205	2012	tests/cases/era2012/inputs/core_assessment.csv	3	c1201c1e33b3d2cb10d3a14888f08e1c	2011-06-01	2011-06-17	2011-08-08
\.


--
-- Data for Name: census_cpp; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.census_cpp (la_code, census_year, source_file, source_line, child_id, referral_date, start_date, end_date, initial_category, latest_category, previous_plans) FROM stdin;
205	2023	tests/cases/hand/inputs/cin-2023.xml	31	9c00b720bc8c4314b6296ec4cd4678ea	2022-09-01	2022-10-01	\N	NEG	NEG	0
205	2023	tests/cases/hand/inputs/cin-2023.xml	58	bc9bce294cc52e3310be8aca02d3fead	2023-03-01	2023-03-31	\N	NEG	NEG	0
205	2023	tests/cases/hand/inputs/cin-2023.xml	80	3fcf40b4c31e17519a022de02cdfe5db	2022-02-01	2022-03-01	\N	MUL	MUL	1
205	2023	tests/cases/hand/inputs/cin-2023.xml	102	7224e3e47e71c95dfa1938cdd8aa4700	2021-10-01	2021-11-30	\N	NEG	NEG	0
205	2023	tests/cases/hand/inputs/cin-2023.xml	124	95ed43a3f24dbf60e9eb65c35ae48f30	2022-05-01	2022-06-01	\N	PHY	PHY	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	33	9c00b720bc8c4314b6296ec4cd4678ea	2022-09-01	2022-10-01	2023-11-20	NEG	NEG	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	56	bc9bce294cc52e3310be8aca02d3fead	2023-03-01	2023-03-31	\N	NEG	EMO	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	87	f85bc6822c1d4f577833a5f8f6582897	2024-01-10	2024-02-01	\N	PHY	PHY	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	114	ef45e3aed9531fd6d10361b9026b5792	2023-03-20	2023-04-01	\N	SAB	SAB	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	140	3fcf40b4c31e17519a022de02cdfe5db	2022-02-01	2022-03-01	2024-03-31	MUL	MUL	1
205	2024	tests/cases/hand/inputs/cin-2024.xml	163	7224e3e47e71c95dfa1938cdd8aa4700	2021-10-01	2021-11-30	\N	NEG	NEG	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	187	95ed43a3f24dbf60e9eb65c35ae48f30	2022-05-01	2022-06-01	2023-05-15	PHY	PHY	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	200	95ed43a3f24dbf60e9eb65c35ae48f30	2023-11-01	2023-12-01	\N	EMO	EMO	0
\.


--
-- Data for Name: census_cpp_review; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.census_cpp_review (la_code, census_year, source_file, source_line, child_id, referral_date, cpp_start_date, review_date) FROM stdin;
205	2024	tests/cases/hand/inputs/cin-2024.xml	62	bc9bce294cc52e3310be8aca02d3fead	2023-03-01	2023-03-31	2023-06-30
205	2024	tests/cases/hand/inputs/cin-2024.xml	63	bc9bce294cc52e3310be8aca02d3fead	2023-03-01	2023-03-31	2023-12-29
205	2024	tests/cases/hand/inputs/cin-2024.xml	120	ef45e3aed9531fd6d10361b9026b5792	2023-03-20	2023-04-01	2023-07-01
205	2024	tests/cases/hand/inputs/cin-2024.xml	121	ef45e3aed9531fd6d10361b9026b5792	2023-03-20	2023-04-01	2024-01-02
205	2024	tests/cases/hand/inputs/cin-2024.xml	206	95ed43a3f24dbf60e9eb65c35ae48f30	2023-11-01	2023-12-01	2024-03-01
\.


--
-- Data for Name: census_cpr3; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.census_cpr3 (la_code, census_year, source_file, source_line, item, value) FROM stdin;
205	2009	tests/cases/era2012/inputs/cpr3.csv	2	children_on_plans_31_march	240
205	2009	tests/cases/era2012/inputs/cpr3.csv	3	registrations	180
205	2009	tests/cases/era2012/inputs/cpr3.csv	4	previously_registered	30
205	2009	tests/cases/era2012/inputs/cpr3.csv	5	deregistrations	150
205	2009	tests/cases/era2012/inputs/cpr3.csv	6	deregistered_2y_plus	12
205	2009	tests/cases/era2012/inputs/cpr3.csv	7	referrals	1600
205	2009	tests/cases/era2012/inputs/cpr3.csv	8	re_referrals	270
205	2010	tests/cases/era2012/inputs/cpr3.csv	9	children_on_plans_31_march	240
205	2010	tests/cases/era2012/inputs/cpr3.csv	10	registrations	200
205	2010	tests/cases/era2012/inputs/cpr3.csv	11	previously_registered	36
205	2010	tests/cases/era2012/inputs/cpr3.csv	12	deregistrations	200
205	2010	tests/cases/era2012/inputs/cpr3.csv	13	deregistered_2y_plus	13
\.


--
-- Data for Name: census_episode; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.census_episode (la_code, census_year, source_file, source_line, child_id, referral_date, referral_source, primary_need, closure_date, closure_reason, date_initial_cpc, referral_nfa) FROM stdin;
205	2023	tests/cases/hand/inputs/cin-2023.xml	26	9c00b720bc8c4314b6296ec4cd4678ea	2022-09-01	4	N1	\N	\N	\N	0
205	2023	tests/cases/hand/inputs/cin-2023.xml	48	bc9bce294cc52e3310be8aca02d3fead	2023-03-01	4	N1	\N	\N	\N	0
205	2023	tests/cases/hand/inputs/cin-2023.xml	75	3fcf40b4c31e17519a022de02cdfe5db	2022-02-01	4	N1	\N	\N	\N	0
205	2023	tests/cases/hand/inputs/cin-2023.xml	97	7224e3e47e71c95dfa1938cdd8aa4700	2021-10-01	4	N1	\N	\N	\N	0
205	2023	tests/cases/hand/inputs/cin-2023.xml	119	95ed43a3f24dbf60e9eb65c35ae48f30	2022-05-01	4	N1	\N	\N	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	26	9c00b720bc8c4314b6296ec4cd4678ea	2022-09-01	4	N1	2023-12-20	RC7	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	51	bc9bce294cc52e3310be8aca02d3fead	2023-03-01	4	N1	\N	\N	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	77	f85bc6822c1d4f577833a5f8f6582897	2024-01-10	4	N1	\N	\N	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	104	ef45e3aed9531fd6d10361b9026b5792	2023-03-20	4	N1	\N	\N	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	135	3fcf40b4c31e17519a022de02cdfe5db	2022-02-01	4	N1	\N	\N	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	158	7224e3e47e71c95dfa1938cdd8aa4700	2021-10-01	4	N1	\N	\N	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	180	95ed43a3f24dbf60e9eb65c35ae48f30	2022-05-01	4	N1	2023-06-01	RC7	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	195	95ed43a3f24dbf60e9eb65c35ae48f30	2023-11-01	4	N1	\N	\N	\N	0
205	2012	tests/cases/era2012/inputs/episode.csv	2	8313cefea088913d1632145b5d97367d	2011-04-20	4	\N	\N	\N	\N	0
205	2012	tests/cases/era2012/inputs/episode.csv	3	c1201c1e33b3d2cb10d3a14888f08e1c	2011-06-01	2A	\N	\N	\N	\N	0
205	2012	tests/cases/era2012/inputs/episode.csv	4	1f688bd878662ee710c2d49e58f20136	2012-03-20	1A	\N	\N	\N	\N	0
\.


--
-- Data for Name: census_initial_assessment; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.census_initial_assessment (la_code, census_year, source_file, source_line, child_id, referral_date, start_date, completion_date) FROM stdin;
205	2012	tests/cases/era2012/inputs/initial_assessment.csv	2	8313cefea088913d1632145b5d97367d	2011-04-20	2011-04-20	2011-05-10
205	2012	tests/cases/era2012/inputs/initial_assessment.csv	3	c1201c1e33b3d2cb10d3a14888f08e1c	2011-06-01	2011-06-01	2011-06-16
205	2012	tests/cases/era2012/inputs/initial_assessment.csv	4	1f688bd878662ee710c2d49e58f20136	2012-03-20	2012-03-20	\N
\.


--
-- Data for Name: census_s47; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.census_s47 (la_code, census_year, source_file, source_line, child_id, referral_date, start_date, icpc_target_date, date_initial_cpc, icpc_not_required) FROM stdin;
205	2023	tests/cases/hand/inputs/cin-2023.xml	52	bc9bce294cc52e3310be8aca02d3fead	2023-03-01	2023-03-02	\N	2023-03-31	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	81	f85bc6822c1d4f577833a5f8f6582897	2024-01-10	2024-01-11	\N	2024-02-01	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	108	ef45e3aed9531fd6d10361b9026b5792	2023-03-20	2023-03-21	\N	2023-04-01	0
\.


--
-- Data for Name: census_strategy; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.census_strategy (la_code, census_year, source_file, source_line, child_id, discussion_date, outcome) FROM stdin;
205	0	tests/cases/hand/inputs/strategy.csv	2	f85bc6822c1d4f577833a5f8f6582897	2024-01-11	S47
205	0	tests/cases/hand/inputs/strategy.csv	3	ef45e3aed9531fd6d10361b9026b5792	2023-03-20	S47
205	0	tests/cases/hand/inputs/strategy.csv	4	3fcf40b4c31e17519a022de02cdfe5db	2023-04-01	NFA
205	0	tests/cases/hand/inputs/strategy.csv	5	95ed43a3f24dbf60e9eb65c35ae48f30	2024-03-31	CIN
\.


--
-- Data for Name: child; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.child (la_code, census_year, source_file, source_line, child_id, birth_date, expected_birth_date, gender, death_date, ethnicity, disabilities) FROM stdin;
205	2012	tests/cases/era2012/inputs/child.csv	4	1f688bd878662ee710c2d49e58f20136	2010-09-09	\N	1	\N	MWBC	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	126	3fcf40b4c31e17519a022de02cdfe5db	2012-12-12	\N	2	\N	ABAN	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	149	7224e3e47e71c95dfa1938cdd8aa4700	2018-07-07	\N	1	\N	CHNE	\N
205	2012	tests/cases/era2012/inputs/child.csv	2	8313cefea088913d1632145b5d97367d	2008-05-01	\N	1	\N	WBRI	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	171	95ed43a3f24dbf60e9eb65c35ae48f30	2011-01-01	\N	2	\N	WOTH	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	17	9c00b720bc8c4314b6296ec4cd4678ea	2015-06-01	\N	1	\N	WBRI	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	42	bc9bce294cc52e3310be8aca02d3fead	2020-02-29	\N	2	\N	BAFR	\N
205	2012	tests/cases/era2012/inputs/child.csv	3	c1201c1e33b3d2cb10d3a14888f08e1c	2005-01-01	\N	2	\N	BAFR	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	95	ef45e3aed9531fd6d10361b9026b5792	2007-04-01	\N	1	\N	MWBC	\N
205	2024	tests/cases/hand/inputs/cin-2024.xml	68	f85bc6822c1d4f577833a5f8f6582897	\N	2024-05-10	0	\N	NOBT	\N
\.


--
-- Data for Name: cin_plan; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cin_plan (la_code, census_year, source_file, source_line, child_id, referral_date, start_date, end_date) FROM stdin;
\.


--
-- Data for Name: core_assessment; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.core_assessment (la_code, census_year, source_file, source_line, child_id, referral_date, start_date, completion_date) FROM stdin;
205	2012	tests/cases/era2012/inputs/core_assessment.csv	2	8313cefea088913d1632145b5d97367d	2011-04-20	2011-05-11	2011-06-30
205	2012	tests/cases/era2012/inputs/core_assessment.csv	3	c1201c1e33b3d2cb10d3a14888f08e1c	2011-06-01	2011-06-17	2011-08-08
\.


--
-- Data for Name: cpp; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cpp (la_code, census_year, source_file, source_line, child_id, referral_date, start_date, end_date, initial_category, latest_category, previous_plans) FROM stdin;
205	2024	tests/cases/hand/inputs/cin-2024.xml	140	3fcf40b4c31e17519a022de02cdfe5db	2022-02-01	2022-03-01	2024-03-31	MUL	MUL	1
205	2024	tests/cases/hand/inputs/cin-2024.xml	163	7224e3e47e71c95dfa1938cdd8aa4700	2021-10-01	2021-11-30	\N	NEG	NEG	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	187	95ed43a3f24dbf60e9eb65c35ae48f30	2022-05-01	2022-06-01	2023-05-15	PHY	PHY	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	200	95ed43a3f24dbf60e9eb65c35ae48f30	2023-11-01	2023-12-01	\N	EMO	EMO	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	33	9c00b720bc8c4314b6296ec4cd4678ea	2022-09-01	2022-10-01	2023-11-20	NEG	NEG	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	56	bc9bce294cc52e3310be8aca02d3fead	2023-03-01	2023-03-31	\N	NEG	EMO	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	114	ef45e3aed9531fd6d10361b9026b5792	2023-03-20	2023-04-01	\N	SAB	SAB	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	87	f85bc6822c1d4f577833a5f8f6582897	2024-01-10	2024-02-01	\N	PHY	PHY	0
\.


--
-- Data for Name: cpp_review; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cpp_review (la_code, census_year, source_file, source_line, child_id, referral_date, cpp_start_date, review_date) FROM stdin;
205	2024	tests/cases/hand/inputs/cin-2024.xml	62	bc9bce294cc52e3310be8aca02d3fead	2023-03-01	2023-03-31	2023-06-30
205	2024	tests/cases/hand/inputs/cin-2024.xml	63	bc9bce294cc52e3310be8aca02d3fead	2023-03-01	2023-03-31	2023-12-29
205	2024	tests/cases/hand/inputs/cin-2024.xml	120	ef45e3aed9531fd6d10361b9026b5792	2023-03-20	2023-04-01	2023-07-01
205	2024	tests/cases/hand/inputs/cin-2024.xml	121	ef45e3aed9531fd6d10361b9026b5792	2023-03-20	2023-04-01	2024-01-02
205	2024	tests/cases/hand/inputs/cin-2024.xml	206	95ed43a3f24dbf60e9eb65c35ae48f30	2023-11-01	2023-12-01	2024-03-01
\.


--
-- Data for Name: cpr3; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.cpr3 (la_code, census_year, source_file, source_line, item, value) FROM stdin;
205	2009	tests/cases/era2012/inputs/cpr3.csv	2	children_on_plans_31_march	240
205	2009	tests/cases/era2012/inputs/cpr3.csv	3	registrations	180
205	2009	tests/cases/era2012/inputs/cpr3.csv	4	previously_registered	30
205	2009	tests/cases/era2012/inputs/cpr3.csv	5	deregistrations	150
205	2009	tests/cases/era2012/inputs/cpr3.csv	6	deregistered_2y_plus	12
205	2009	tests/cases/era2012/inputs/cpr3.csv	7	referrals	1600
205	2009	tests/cases/era2012/inputs/cpr3.csv	8	re_referrals	270
205	2010	tests/cases/era2012/inputs/cpr3.csv	9	children_on_plans_31_march	240
205	2010	tests/cases/era2012/inputs/cpr3.csv	10	registrations	200
205	2010	tests/cases/era2012/inputs/cpr3.csv	11	previously_registered	36
205	2010	tests/cases/era2012/inputs/cpr3.csv	12	deregistrations	200
205	2010	tests/cases/era2012/inputs/cpr3.csv	13	deregistered_2y_plus	13
\.


--
-- Data for Name: episode; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.episode (la_code, census_year, source_file, source_line, child_id, referral_date, referral_source, primary_need, closure_date, closure_reason, date_initial_cpc, referral_nfa) FROM stdin;
205	2012	tests/cases/era2012/inputs/episode.csv	4	1f688bd878662ee710c2d49e58f20136	2012-03-20	1A	\N	\N	\N	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	135	3fcf40b4c31e17519a022de02cdfe5db	2022-02-01	4	N1	\N	\N	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	158	7224e3e47e71c95dfa1938cdd8aa4700	2021-10-01	4	N1	\N	\N	\N	0
205	2012	tests/cases/era2012/inputs/episode.csv	2	8313cefea088913d1632145b5d97367d	2011-04-20	4	\N	\N	\N	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	180	95ed43a3f24dbf60e9eb65c35ae48f30	2022-05-01	4	N1	2023-06-01	RC7	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	195	95ed43a3f24dbf60e9eb65c35ae48f30	2023-11-01	4	N1	\N	\N	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	26	9c00b720bc8c4314b6296ec4cd4678ea	2022-09-01	4	N1	2023-12-20	RC7	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	51	bc9bce294cc52e3310be8aca02d3fead	2023-03-01	4	N1	\N	\N	\N	0
205	2012	tests/cases/era2012/inputs/episode.csv	3	c1201c1e33b3d2cb10d3a14888f08e1c	2011-06-01	2A	\N	\N	\N	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	104	ef45e3aed9531fd6d10361b9026b5792	2023-03-20	4	N1	\N	\N	\N	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	77	f85bc6822c1d4f577833a5f8f6582897	2024-01-10	4	N1	\N	\N	\N	0
\.


--
-- Data for Name: initial_assessment; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.initial_assessment (la_code, census_year, source_file, source_line, child_id, referral_date, start_date, completion_date) FROM stdin;
205	2012	tests/cases/era2012/inputs/initial_assessment.csv	2	8313cefea088913d1632145b5d97367d	2011-04-20	2011-04-20	2011-05-10
205	2012	tests/cases/era2012/inputs/initial_assessment.csv	3	c1201c1e33b3d2cb10d3a14888f08e1c	2011-06-01	2011-06-01	2011-06-16
205	2012	tests/cases/era2012/inputs/initial_assessment.csv	4	1f688bd878662ee710c2d49e58f20136	2012-03-20	2012-03-20	\N
\.


--
-- Data for Name: load_log; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.load_log (la_code, census_year, source_file, records, kind) FROM stdin;
205	2023	tests/cases/hand/inputs/cin-2023.xml	16	census
205	2024	tests/cases/hand/inputs/cin-2024.xml	30	census
205	0	tests/cases/hand/inputs/strategy.csv	6	strategy
205	2012	tests/cases/era2012/inputs/child.csv	3	census
205	2012	tests/cases/era2012/inputs/core_assessment.csv	2	census
205	2012	tests/cases/era2012/inputs/episode.csv	3	census
205	2012	tests/cases/era2012/inputs/initial_assessment.csv	3	census
205	2009	tests/cases/era2012/inputs/cpr3.csv	7	cpr3
205	2010	tests/cases/era2012/inputs/cpr3.csv	5	cpr3
\.


--
-- Data for Name: s47; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.s47 (la_code, census_year, source_file, source_line, child_id, referral_date, start_date, icpc_target_date, date_initial_cpc, icpc_not_required) FROM stdin;
205	2023	tests/cases/hand/inputs/cin-2023.xml	52	bc9bce294cc52e3310be8aca02d3fead	2023-03-01	2023-03-02	\N	2023-03-31	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	108	ef45e3aed9531fd6d10361b9026b5792	2023-03-20	2023-03-21	\N	2023-04-01	0
205	2024	tests/cases/hand/inputs/cin-2024.xml	81	f85bc6822c1d4f577833a5f8f6582897	2024-01-10	2024-01-11	\N	2024-02-01	0
\.


--
-- Data for Name: strategy; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.strategy (la_code, census_year, source_file, source_line, child_id, discussion_date, outcome) FROM stdin;
205	0	tests/cases/hand/inputs/strategy.csv	2	f85bc6822c1d4f577833a5f8f6582897	2024-01-11	S47
205	0	tests/cases/hand/inputs/strategy.csv	3	ef45e3aed9531fd6d10361b9026b5792	2023-03-20	S47
205	0	tests/cases/hand/inputs/strategy.csv	4	3fcf40b4c31e17519a022de02cdfe5db	2023-04-01	NFA
205	0	tests/cases/hand/inputs/strategy.csv	5	95ed43a3f24dbf60e9eb65c35ae48f30	2024-03-31	CIN
\.


--
-- Data for Name: validation_count; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.validation_count (la_code, census_year, rule, failures) FROM stdin;
205	2023	100	0
205	2023	1103	0
205	2023	1104	0
205	2023	1105	0
205	2023	1510	0
205	2023	1520	0
205	2023	1530	0
205	2023	1540	0
205	2023	1550	0
205	2023	1560Q	0
205	2023	1570	0
205	2023	1580	0
205	2023	2883	2
205	2023	2884	0
205	2023	2885	2
205	2023	2886Q	0
205	2023	2887Q	1
205	2023	2888Q	0
205	2023	2889	0
205	2023	2990	0
205	2023	2991Q	1
205	2023	4000	0
205	2023	4001	0
205	2023	4003	0
205	2023	4004	0
205	2023	4008	0
205	2023	4009Q	0
205	2023	4010	0
205	2023	4011	0
205	2023	4012Q	0
205	2023	4013	0
205	2023	4014	0
205	2023	4015	0
205	2023	4016	0
205	2023	4017	0
205	2023	4180	0
205	2023	4220	0
205	2023	8500	0
205	2023	8510	0
205	2023	8520	0
205	2023	8525Q	0
205	2023	8530Q	0
205	2023	8535Q	0
205	2023	8540	5
205	2023	8545Q	0
205	2023	8555Q	0
205	2023	8565	0
205	2023	8568	0
205	2023	8569Q	0
205	2023	8585Q	0
205	2023	8590	0
205	2023	8600	0
205	2023	8606	0
205	2023	8608	0
205	2023	8610	0
205	2023	8614	0
205	2023	8615	0
205	2023	8620	0
205	2023	8630	0
205	2023	8640	0
205	2023	8650	0
205	2023	8670Q	0
205	2023	8675Q	0
205	2023	8696	0
205	2023	8715	0
205	2023	8720	0
205	2023	8730	0
205	2023	8736	0
205	2023	8740	0
205	2023	8750	0
205	2023	8770Q	3
205	2023	8772	0
205	2023	8775Q	0
205	2023	8790	0
205	2023	8794	0
205	2023	8805	0
205	2023	8810	0
205	2023	8815	0
205	2023	8816	0
205	2023	8820	0
205	2023	8825Q	0
205	2023	8831	0
205	2023	8832	0
205	2023	8839	0
205	2023	8840	0
205	2023	8841	0
205	2023	8842Q	0
205	2023	8863Q	0
205	2023	8866	0
205	2023	8867	0
205	2023	8868	0
205	2023	8869	0
205	2023	8870Q	0
205	2023	8873Q	0
205	2023	8875	0
205	2023	8890	0
205	2023	8896	0
205	2023	8897Q	0
205	2023	8898	0
205	2023	8905	0
205	2023	8910	0
205	2023	8915	0
205	2023	8920	0
205	2023	8925	0
205	2023	8930	0
205	2023	8935	0
205	2023	8940	0
205	2023	8945Q	0
205	2023	8950Q	0
205	2024	100	0
205	2024	1103	0
205	2024	1104	0
205	2024	1105	0
205	2024	1510	0
205	2024	1520	0
205	2024	1530	0
205	2024	1540	0
205	2024	1550	0
205	2024	1560Q	0
205	2024	1570	0
205	2024	1580	0
205	2024	2883	1
205	2024	2884	0
205	2024	2885	1
205	2024	2886Q	0
205	2024	2887Q	1
205	2024	2888Q	0
205	2024	2889	0
205	2024	2990	0
205	2024	2991Q	2
205	2024	4000	0
205	2024	4001	0
205	2024	4003	0
205	2024	4004	0
205	2024	4008	0
205	2024	4009Q	0
205	2024	4010	0
205	2024	4011	0
205	2024	4012Q	0
205	2024	4013	0
205	2024	4014	0
205	2024	4015	0
205	2024	4016	0
205	2024	4017	0
205	2024	4180	0
205	2024	4220	0
205	2024	8500	0
205	2024	8510	0
205	2024	8520	0
205	2024	8525Q	0
205	2024	8530Q	0
205	2024	8535Q	0
205	2024	8540	7
205	2024	8545Q	0
205	2024	8555Q	0
205	2024	8565	0
205	2024	8568	0
205	2024	8569Q	0
205	2024	8585Q	0
205	2024	8590	0
205	2024	8600	0
205	2024	8606	0
205	2024	8608	0
205	2024	8610	0
205	2024	8614	0
205	2024	8615	0
205	2024	8620	0
205	2024	8630	0
205	2024	8640	0
205	2024	8650	0
205	2024	8670Q	0
205	2024	8675Q	0
205	2024	8696	0
205	2024	8715	0
205	2024	8720	0
205	2024	8730	0
205	2024	8736	0
205	2024	8740	0
205	2024	8750	0
205	2024	8770Q	3
205	2024	8772	0
205	2024	8775Q	0
205	2024	8790	0
205	2024	8794	0
205	2024	8805	0
205	2024	8810	0
205	2024	8815	0
205	2024	8816	0
205	2024	8820	0
205	2024	8825Q	0
205	2024	8831	0
205	2024	8832	0
205	2024	8839	0
205	2024	8840	0
205	2024	8841	0
205	2024	8842Q	0
205	2024	8863Q	0
205	2024	8866	0
205	2024	8867	0
205	2024	8868	0
205	2024	8869	0
205	2024	8870Q	0
205	2024	8873Q	0
205	2024	8875	1
205	2024	8890	0
205	2024	8896	0
205	2024	8897Q	0
205	2024	8898	0
205	2024	8905	0
205	2024	8910	0
205	2024	8915	0
205	2024	8920	0
205	2024	8925	0
205	2024	8930	0
205	2024	8935	0
205	2024	8940	0
205	2024	8945Q	0
205	2024	8950Q	0
205	2012	100	0
205	2012	1103	0
205	2012	1104	0
205	2012	1105	0
205	2012	1510	0
205	2012	1520	0
205	2012	1530	0
205	2012	1540	0
205	2012	1550	0
205	2012	1560Q	0
205	2012	1570	0
205	2012	1580	0
205	2012	2883	0
205	2012	2884	0
205	2012	2885	0
205	2012	2886Q	0
205	2012	2887Q	1
205	2012	2888Q	0
205	2012	2889	0
205	2012	2990	0
205	2012	2991Q	0
205	2012	4000	0
205	2012	4001	0
205	2012	4003	0
205	2012	4004	0
205	2012	4008	0
205	2012	4009Q	0
205	2012	4010	0
205	2012	4011	0
205	2012	4012Q	0
205	2012	4013	0
205	2012	4014	0
205	2012	4015	0
205	2012	4016	0
205	2012	4017	0
205	2012	4180	0
205	2012	4220	0
205	2012	8500	0
205	2012	8510	0
205	2012	8520	0
205	2012	8525Q	0
205	2012	8530Q	0
205	2012	8535Q	0
205	2012	8540	3
205	2012	8545Q	0
205	2012	8555Q	0
205	2012	8565	0
205	2012	8568	0
205	2012	8569Q	0
205	2012	8585Q	0
205	2012	8590	0
205	2012	8600	0
205	2012	8606	0
205	2012	8608	0
205	2012	8610	3
205	2012	8614	0
205	2012	8615	0
205	2012	8620	0
205	2012	8630	0
205	2012	8640	0
205	2012	8650	0
205	2012	8670Q	0
205	2012	8675Q	0
205	2012	8696	0
205	2012	8715	0
205	2012	8720	0
205	2012	8730	0
205	2012	8736	0
205	2012	8740	0
205	2012	8750	0
205	2012	8770Q	1
205	2012	8772	0
205	2012	8775Q	0
205	2012	8790	0
205	2012	8794	0
205	2012	8805	0
205	2012	8810	0
205	2012	8815	0
205	2012	8816	0
205	2012	8820	0
205	2012	8825Q	0
205	2012	8831	0
205	2012	8832	0
205	2012	8839	0
205	2012	8840	0
205	2012	8841	0
205	2012	8842Q	0
205	2012	8863Q	0
205	2012	8866	0
205	2012	8867	0
205	2012	8868	0
205	2012	8869	0
205	2012	8870Q	0
205	2012	8873Q	0
205	2012	8875	0
205	2012	8890	0
205	2012	8896	0
205	2012	8897Q	0
205	2012	8898	0
205	2012	8905	0
205	2012	8910	0
205	2012	8915	0
205	2012	8920	0
205	2012	8925	0
205	2012	8930	0
205	2012	8935	0
205	2012	8940	0
205	2012	8945Q	0
205	2012	8950Q	0
\.


--
-- Data for Name: warehouse_meta; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.warehouse_meta (name, value) FROM stdin;
key_check	ee5e84ed9e8fe2523cc2eb3e90677c76
\.


--
-- Name: load_log load_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.load_log
    ADD CONSTRAINT load_log_pkey PRIMARY KEY (la_code, census_year, source_file);


--
-- Name: validation_count validation_count_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.validation_count
    ADD CONSTRAINT validation_count_pkey PRIMARY KEY (la_code, census_year, rule);


--
-- Name: warehouse_meta warehouse_meta_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.warehouse_meta
    ADD CONSTRAINT warehouse_meta_pkey PRIMARY KEY (name);


--
-- Name: assessment_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX assessment_key ON public.assessment USING btree (la_code, child_id, referral_date, start_date);


--
-- Name: census_assessment_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_assessment_key ON public.census_assessment USING btree (la_code, child_id, referral_date, start_date, census_year);


--
-- Name: census_assessment_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_assessment_year ON public.census_assessment USING btree (la_code, census_year);


--
-- Name: census_child_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_child_key ON public.census_child USING btree (la_code, child_id, census_year);


--
-- Name: census_child_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_child_year ON public.census_child USING btree (la_code, census_year);


--
-- Name: census_cin_plan_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_cin_plan_key ON public.census_cin_plan USING btree (la_code, child_id, referral_date, start_date, census_year);


--
-- Name: census_cin_plan_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_cin_plan_year ON public.census_cin_plan USING btree (la_code, census_year);


--
-- Name: census_core_assessment_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_core_assessment_key ON public.census_core_assessment USING btree (la_code, child_id, referral_date, start_date, census_year);


--
-- Name: census_core_assessment_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_core_assessment_year ON public.census_core_assessment USING btree (la_code, census_year);


--
-- Name: census_cpp_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_cpp_key ON public.census_cpp USING btree (la_code, child_id, referral_date, start_date, census_year);


--
-- Name: census_cpp_review_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_cpp_review_key ON public.census_cpp_review USING btree (la_code, child_id, referral_date, cpp_start_date, review_date, census_year);


--
-- Name: census_cpp_review_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_cpp_review_year ON public.census_cpp_review USING btree (la_code, census_year);


--
-- Name: census_cpp_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_cpp_year ON public.census_cpp USING btree (la_code, census_year);


--
-- Name: census_cpr3_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_cpr3_key ON public.census_cpr3 USING btree (la_code, census_year, item, census_year);


--
-- Name: census_cpr3_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_cpr3_year ON public.census_cpr3 USING btree (la_code, census_year);


--
-- Name: census_episode_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_episode_key ON public.census_episode USING btree (la_code, child_id, referral_date, census_year);


--
-- Name: census_episode_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_episode_year ON public.census_episode USING btree (la_code, census_year);


--
-- Name: census_initial_assessment_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_initial_assessment_key ON public.census_initial_assessment USING btree (la_code, child_id, referral_date, start_date, census_year);


--
-- Name: census_initial_assessment_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_initial_assessment_year ON public.census_initial_assessment USING btree (la_code, census_year);


--
-- Name: census_s47_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_s47_key ON public.census_s47 USING btree (la_code, child_id, referral_date, start_date, census_year);


--
-- Name: census_s47_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_s47_year ON public.census_s47 USING btree (la_code, census_year);


--
-- Name: census_strategy_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_strategy_key ON public.census_strategy USING btree (la_code, child_id, discussion_date, census_year);


--
-- Name: census_strategy_year; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX census_strategy_year ON public.census_strategy USING btree (la_code, census_year);


--
-- Name: child_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX child_key ON public.child USING btree (la_code, child_id);


--
-- Name: cin_plan_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cin_plan_key ON public.cin_plan USING btree (la_code, child_id, referral_date, start_date);


--
-- Name: core_assessment_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX core_assessment_key ON public.core_assessment USING btree (la_code, child_id, referral_date, start_date);


--
-- Name: cpp_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cpp_key ON public.cpp USING btree (la_code, child_id, referral_date, start_date);


--
-- Name: cpp_review_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cpp_review_key ON public.cpp_review USING btree (la_code, child_id, referral_date, cpp_start_date, review_date);


--
-- Name: cpr3_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX cpr3_key ON public.cpr3 USING btree (la_code, census_year, item);


--
-- Name: episode_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX episode_key ON public.episode USING btree (la_code, child_id, referral_date);


--
-- Name: initial_assessment_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX initial_assessment_key ON public.initial_assessment USING btree (la_code, child_id, referral_date, start_date);


--
-- Name: s47_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX s47_key ON public.s47 USING btree (la_code, child_id, referral_date, start_date);


--
-- Name: strategy_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX strategy_key ON public.strategy USING btree (la_code, child_id, discussion_date);


--
-- PostgreSQL database dump complete
--


