<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.legal.privacy_title) ?>
<?cs call:breadcrumb_help() ?></ol></nav>
<article class="legal">
<h1><?cs var:Lang.legal.privacy_title ?></h1>
<p class="lead"><?cs var:Lang.legal.privacy.intro ?></p>
<h2><?cs var:Lang.legal.privacy.controller_title ?></h2>
<p><?cs var:Lang.legal.privacy.controller ?> <?cs call:legal_publisher() ?></p>
<h2><?cs var:Lang.legal.privacy.dpo_title ?></h2>
<p><?cs var:Lang.legal.privacy.dpo ?></p>
<address><?cs if:Legal.dpo_name ?><?cs var:Legal.dpo_name ?><br><?cs /if ?>
<?cs if:Legal.dpo_email ?><a href="mailto:<?cs var:Legal.dpo_email ?>"><?cs var:Legal.dpo_email ?></a><?cs /if ?></address>
<h2><?cs var:Lang.legal.privacy.what_title ?></h2>
<ul>
<li><?cs var:Lang.legal.privacy.what_identity ?></li>
<li><?cs var:Lang.legal.privacy.what_contact ?></li>
<li><?cs var:Lang.legal.privacy.what_dossiers ?></li>
<li><?cs var:Lang.legal.privacy.what_registers ?></li>
<li><?cs var:Lang.legal.privacy.what_help ?></li>
<li><?cs var:Lang.legal.privacy.what_technical ?></li>
</ul>
<h2><?cs var:Lang.legal.privacy.basis_title ?></h2>
<p><?cs var:Lang.legal.privacy.basis ?></p>
<h2><?cs var:Lang.legal.privacy.recipients_title ?></h2>
<p><?cs var:Lang.legal.privacy.recipients ?></p>
<h2><?cs var:Lang.legal.privacy.retention_title ?></h2>
<ul>
<li><?cs var:Lang.legal.privacy.retention_dossiers ?> <?cs var:Legal.retention.dossier_years ?> <?cs var:Lang.legal.years ?> <?cs var:Lang.legal.privacy.retention_dossiers_after ?></li>
<li><?cs var:Lang.legal.privacy.retention_help ?> <?cs var:Legal.retention.helpdesk_months ?> <?cs var:Lang.legal.months ?> <?cs var:Lang.legal.privacy.retention_help_after ?></li>
<li><?cs var:Lang.legal.privacy.retention_logs ?> <?cs var:Legal.retention.log_days ?> <?cs var:Lang.legal.days ?>.</li>
</ul>
<h2><?cs var:Lang.legal.privacy.cookies_title ?></h2>
<p><?cs var:Lang.legal.privacy.cookies ?></p>
<h2><?cs var:Lang.legal.privacy.rights_title ?></h2>
<p><?cs var:Lang.legal.privacy.rights ?></p>
<p><?cs var:Lang.legal.privacy.my_data ?> <a href="/my-data"><?cs var:Lang.nav.data ?></a>.</p>
<p><?cs var:Lang.legal.privacy.complaint ?> <a href="<?cs var:Lang.legal.privacy.authority_url ?>"><?cs var:Lang.legal.privacy.authority ?></a>, <?cs var:Lang.legal.privacy.authority_address ?>.</p>
</article>
<?cs call:page_end() ?>
