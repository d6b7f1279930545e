-- Demo offices that take appointments (docs/appointments.md): the
-- population counter of Liège's town hall, two desks, in Wallonia; and a
-- registry office in Eupen, in the German-speaking Community.
-- Rerunnable: it upserts, and replaces the offices' opening hours.

INSERT INTO offices (code, department_id, names, address, accessibility,
    region, min_delay_minutes, max_delay_days)
SELECT v.code, d.id, v.names::jsonb, v.address, v.access::jsonb, v.region, 60, 60
  FROM (VALUES
	('LIEGE-POP', 'POPULATION',
	 '{"fr": "Hôtel de ville de Liège — Population", "nl": "Stadhuis van Luik — Bevolking", "de": "Rathaus Lüttich — Bevölkerung", "en": "Liège town hall — Population"}',
	 'Place du Marché 2, 4000 Liège',
	 '{"fr": "Entrée de plain-pied rue de la Violette, boucle magnétique aux guichets 1 et 2.", "nl": "Gelijkvloerse ingang in de rue de la Violette, ringleiding aan loketten 1 en 2.", "de": "Ebenerdiger Eingang in der Rue de la Violette, Induktionsschleife an den Schaltern 1 und 2.", "en": "Step-free entrance in rue de la Violette, hearing loop at desks 1 and 2."}',
	 'wallonia'),
	('EUPEN-REG', 'POPULATION',
	 '{"fr": "Eupen — État civil", "nl": "Eupen — Burgerlijke stand", "de": "Eupen — Standesamt", "en": "Eupen — Civil registry"}',
	 'Rathausplatz 14, 4700 Eupen',
	 '{"fr": "Ascenseur à l''arrière du bâtiment.", "nl": "Lift achteraan het gebouw.", "de": "Aufzug an der Rückseite des Gebäudes.", "en": "Lift at the back of the building."}',
	 'german')) AS v (code, dept, names, address, access, region)
  JOIN departments d ON d.code = v.dept
ON CONFLICT (code) DO UPDATE SET names = EXCLUDED.names,
    address = EXCLUDED.address, accessibility = EXCLUDED.accessibility,
    region = EXCLUDED.region;

INSERT INTO meeting_types (office_id, code, labels, duration_minutes, position)
SELECT o.id, v.code, v.labels::jsonb, v.minutes, v.position
  FROM (VALUES
	('LIEGE-POP', 'ID_CARD', '{"fr": "Nouvelle carte d''identité", "nl": "Nieuwe identiteitskaart", "de": "Neuer Personalausweis", "en": "New identity card"}', 15, 1),
	('LIEGE-POP', 'PASSPORT', '{"fr": "Passeport", "nl": "Paspoort", "de": "Reisepass", "en": "Passport"}', 20, 2),
	('LIEGE-POP', 'SIGNATURE', '{"fr": "Légalisation de signature", "nl": "Wettiging van handtekening", "de": "Beglaubigung einer Unterschrift", "en": "Certification of a signature"}', 10, 3),
	('EUPEN-REG', 'CIVIL_ACT', '{"fr": "Acte d''état civil", "nl": "Akte van de burgerlijke stand", "de": "Personenstandsurkunde", "en": "Civil-status certificate"}', 30, 1)
	) AS v (office, code, labels, minutes, position)
  JOIN offices o ON o.code = v.office
ON CONFLICT (office_id, code) DO UPDATE SET labels = EXCLUDED.labels,
    duration_minutes = EXCLUDED.duration_minutes, position = EXCLUDED.position;

INSERT INTO desks (office_id, name)
SELECT o.id, v.name
  FROM (VALUES ('LIEGE-POP', 'Guichet 1'), ('LIEGE-POP', 'Guichet 2'),
	       ('EUPEN-REG', 'Schalter 1')) AS v (office, name)
  JOIN offices o ON o.code = v.office
ON CONFLICT (office_id, name) DO NOTHING;

DELETE FROM opening_rules WHERE office_id IN
    (SELECT id FROM offices WHERE code IN ('LIEGE-POP', 'EUPEN-REG'));
INSERT INTO opening_rules (office_id, weekday, opens, closes)
SELECT o.id, v.weekday, v.opens::time, v.closes::time
  FROM (VALUES ('LIEGE-POP', 1, '08:30', '12:00'), ('LIEGE-POP', 2, '08:30', '12:00'),
	       ('LIEGE-POP', 2, '13:30', '16:30'), ('LIEGE-POP', 3, '08:30', '12:00'),
	       ('LIEGE-POP', 4, '08:30', '12:00'), ('LIEGE-POP', 4, '13:30', '18:30'),
	       ('LIEGE-POP', 5, '08:30', '12:00'),
	       ('EUPEN-REG', 1, '09:00', '12:00'), ('EUPEN-REG', 3, '09:00', '12:00'),
	       ('EUPEN-REG', 5, '09:00', '12:00')) AS v (office, weekday, opens, closes)
  JOIN offices o ON o.code = v.office;
