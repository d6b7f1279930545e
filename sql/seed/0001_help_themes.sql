-- Help centre themes in four languages.  Rerunnable: it upserts.

INSERT INTO faq_themes (code, position) VALUES
	('login', 1), ('companies', 2), ('forms', 3), ('dossiers', 4)
ON CONFLICT (code) DO UPDATE SET position = EXCLUDED.position;

INSERT INTO faq_theme_texts (theme_code, lang, title, intro) VALUES
('login', 'fr', 'Connexion et carte eID', 'Se connecter avec sa carte d''identité électronique ou un code reçu par courriel, et protéger son accès.'),
('login', 'nl', 'Aanmelden en eID-kaart', 'Aanmelden met uw elektronische identiteitskaart of een code per e-mail, en uw toegang beschermen.'),
('login', 'de', 'Anmeldung und eID-Karte', 'Mit dem elektronischen Personalausweis oder einem Code per E-Mail anmelden und den Zugang schützen.'),
('login', 'en', 'Logging in and the eID card', 'Logging in with your electronic identity card or a code sent by email, and keeping your access safe.'),
('companies', 'fr', 'Entreprises, associations et gestionnaires d''accès', 'Agir pour une entreprise ou une ASBL : gestionnaire principal d''accès, utilisateurs, rôles et mandats.'),
('companies', 'nl', 'Ondernemingen, verenigingen en toegangsbeheerders', 'Handelen voor een onderneming of vzw: hoofdtoegangsbeheerder, gebruikers, rollen en mandaten.'),
('companies', 'de', 'Unternehmen, Vereinigungen und Zugangsverwalter', 'Für ein Unternehmen oder eine VoG handeln: Hauptzugangsverwalter, Benutzer, Rollen und Mandate.'),
('companies', 'en', 'Companies, non-profits and access managers', 'Acting for a company or non-profit: main access manager, users, roles and mandates.'),
('forms', 'fr', 'Remplir un formulaire', 'Trouver une démarche, enregistrer un brouillon, joindre des documents PDF, signer et envoyer.'),
('forms', 'nl', 'Een formulier invullen', 'Een aanvraag vinden, een ontwerp bewaren, PDF-documenten toevoegen, ondertekenen en versturen.'),
('forms', 'de', 'Ein Formular ausfüllen', 'Ein Verfahren finden, einen Entwurf speichern, PDF-Dokumente beifügen, unterzeichnen und senden.'),
('forms', 'en', 'Filling in a form', 'Finding a procedure, saving a draft, attaching PDF documents, signing and sending.'),
('dossiers', 'fr', 'Suivre un dossier', 'Les statuts d''un dossier, les demandes de compléments, les messages, vos documents et vos données.'),
('dossiers', 'nl', 'Een dossier opvolgen', 'De statussen van een dossier, vragen om aanvulling, berichten, uw documenten en uw gegevens.'),
('dossiers', 'de', 'Eine Akte verfolgen', 'Die Status einer Akte, Nachforderungen, Nachrichten, Ihre Dokumente und Ihre Daten.'),
('dossiers', 'en', 'Following a file', 'The statuses of a file, requests for more information, messages, your documents and your data.')
ON CONFLICT (theme_code, lang) DO UPDATE
	SET title = EXCLUDED.title, intro = EXCLUDED.intro;
