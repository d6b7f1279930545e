<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.certs.inbox.figures_title) ?>
<nav class="crumbs" aria-label="<?cs var:Lang.site.breadcrumb ?>"><ol><li><a href="/inbox"><?cs var:Lang.inbox.title ?></a></li><li><a href="/inbox/certificates"><?cs var:Lang.certs.inbox.title ?></a></li></ol></nav>
<h1><?cs var:Lang.certs.inbox.figures_title ?></h1>
<table class="figures">
<caption class="visually-hidden"><?cs var:Lang.certs.inbox.figures_title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.certs.inbox.day ?></th><th scope="col"><?cs var:Lang.certs.certificate ?></th><th scope="col"><?cs var:Lang.certs.inbox.automatic ?></th><th scope="col"><?cs var:Lang.certs.inbox.checked ?></th><th scope="col"><?cs var:Lang.certs.inbox.revoked ?></th></tr></thead>
<tbody><?cs each:f = Figures ?><tr data-code="<?cs var:f.code ?>"><td><?cs var:f.day ?></td><td><?cs var:f.title ?></td><td class="automatic"><?cs var:f.automatic ?></td><td class="checked"><?cs var:f.checked ?></td><td class="revoked"><?cs var:f.revoked ?></td></tr>
<?cs /each ?></tbody></table>
<?cs call:page_end() ?>
