-- The housing premiums: their department and family, a demo agent's role
-- (Agathe Lambert processes them), and the scales the heat-pump premium's
-- program computes with (cgi-bin/heatpump, docs/porting.md).  Rerunnable:
-- it upserts, and a published scale is never changed (sql/0035): a new
-- figure is a new version.

INSERT INTO departments (code, names, email) VALUES
('HOUSING', '{"fr": "Service Logement et Énergie", "nl": "Dienst Huisvesting en Energie", "de": "Dienst Wohnungswesen und Energie", "en": "Housing and energy department"}', 'logement@example.be')
ON CONFLICT (code) DO UPDATE SET names = EXCLUDED.names, email = EXCLUDED.email;

INSERT INTO procedure_families (code, titles) VALUES
('housing', '{"fr": "Primes habitation", "nl": "Woningpremies", "de": "Wohnungsprämien", "en": "Housing premiums"}')
ON CONFLICT (code) DO UPDATE SET titles = EXCLUDED.titles;

INSERT INTO agent_departments (agent_id, department_id, role)
SELECT a.id, d.id, 'processor'
  FROM persons p JOIN agents a ON a.person_id = p.id, departments d
 WHERE p.nrn = '78021400167' AND d.code = 'HOUSING'
ON CONFLICT (agent_id, department_id) DO UPDATE SET role = EXCLUDED.role;

-- Wallonia's "primes Habitation" for a heat pump: the base amount of the
-- work times the multiplier of the household's income category, the
-- household's taxable income less 5,000 euros per dependent child, at
-- most a share of the invoice.  Figures as published (see the source of
-- each version and docs/porting.md for what was checked against what).
INSERT INTO procedure_scales (procedure_code, version, valid_from, source, scale) VALUES
('HEATPUMP', '2019-06', '2019-06-01',
 'Primes Habitation, AGW 4 April 2019: income categories R1-R5 as published by the SPW from 1 June 2019 (R1 <= 23,000; R2 <= 32,700; R3 <= 43,200; R4 <= 97,700 EUR), multipliers 6/4/3/2/1, 5,000 EUR less per dependent child; heat-pump base amounts 1,000 EUR (heating or combined) and 500 EUR (domestic hot water); premiums at most 70 % of the invoice',
 '{"deduction_per_dependent": "5000.00",
   "categories": [
     {"code": "r1", "up_to": "23000.00", "multiplier": 6},
     {"code": "r2", "up_to": "32700.00", "multiplier": 4},
     {"code": "r3", "up_to": "43200.00", "multiplier": 3},
     {"code": "r4", "up_to": "97700.00", "multiplier": 2},
     {"code": "r5", "multiplier": 1}],
   "works": [
     {"code": "heating", "base": "1000.00"},
     {"code": "hot_water", "base": "500.00"}],
   "cap_percent": 70}'),
('HEATPUMP', '2023-01', '2023-01-01',
 'AGW 12 May 2022, art. 5 par. 1 as replaced with effect on 1 January 2023 (requests from that date): R1 <= 24,600; R2 <= 34,900; R3 <= 46,200; R4 <= 104,400 EUR; R5 above; multipliers 6/4/3/2/1 and base amounts unchanged; premiums at most 70 % of the invoice',
 '{"deduction_per_dependent": "5000.00",
   "categories": [
     {"code": "r1", "up_to": "24600.00", "multiplier": 6},
     {"code": "r2", "up_to": "34900.00", "multiplier": 4},
     {"code": "r3", "up_to": "46200.00", "multiplier": 3},
     {"code": "r4", "up_to": "104400.00", "multiplier": 2},
     {"code": "r5", "multiplier": 1}],
   "works": [
     {"code": "heating", "base": "1000.00"},
     {"code": "hot_water", "base": "500.00"}],
   "cap_percent": 70}')
ON CONFLICT (procedure_code, version) DO NOTHING;
