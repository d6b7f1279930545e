-- Departments that handle procedures, and the procedure families that
-- scope roles and mandates.  Rerunnable: it upserts.

INSERT INTO departments (code, names, email) VALUES
('MOBILITY', '{"fr": "Service Mobilité", "nl": "Dienst Mobiliteit", "de": "Dienst Mobilität", "en": "Mobility department"}', 'mobilite@example.be'),
('EMPLOYMENT', '{"fr": "Service Emploi", "nl": "Dienst Werkgelegenheid", "de": "Dienst Beschäftigung", "en": "Employment department"}', 'emploi@example.be'),
('TOURISM', '{"fr": "Service Tourisme", "nl": "Dienst Toerisme", "de": "Dienst Tourismus", "en": "Tourism department"}', 'tourisme@example.be'),
('TAXES', '{"fr": "Service Fiscalité", "nl": "Dienst Fiscaliteit", "de": "Dienst Steuern", "en": "Tax department"}', 'fiscalite@example.be'),
('POPULATION', '{"fr": "Service Population", "nl": "Dienst Bevolking", "de": "Dienst Bevölkerung", "en": "Population department"}', 'population@example.be')
ON CONFLICT (code) DO UPDATE SET names = EXCLUDED.names, email = EXCLUDED.email;

INSERT INTO procedure_families (code, titles) VALUES
('mobility', '{"fr": "Primes mobilité", "nl": "Mobiliteitspremies", "de": "Mobilitätsprämien", "en": "Mobility premiums"}'),
('sesam', '{"fr": "Aides à l''emploi SESAM", "nl": "SESAM-tewerkstellingssteun", "de": "SESAM-Beschäftigungshilfen", "en": "SESAM employment subsidies"}'),
('tourism', '{"fr": "Hébergements touristiques", "nl": "Toeristische logies", "de": "Touristische Unterkünfte", "en": "Tourist accommodation"}'),
('property_tax', '{"fr": "Précompte immobilier", "nl": "Onroerende voorheffing", "de": "Immobiliensteuervorabzug", "en": "Property tax"}'),
('population', '{"fr": "Population et certificats", "nl": "Bevolking en attesten", "de": "Bevölkerung und Bescheinigungen", "en": "Population and certificates"}')
ON CONFLICT (code) DO UPDATE SET titles = EXCLUDED.titles;
