<?cs include:"layout.cs" ?><?cs include:"orgs/macros.cs" ?>
<?cs call:page_start(Lang.orgs.audit) ?>
<h1><?cs var:Lang.orgs.audit ?> — <?cs var:Org.name ?></h1>
<?cs call:org_nav() ?>
<?cs if:!Audit.0.at ?><p><?cs var:Lang.orgs.audit_none ?></p>
<?cs else ?><table>
<caption class="visually-hidden"><?cs var:Lang.orgs.audit ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.orgs.when ?></th><th scope="col"><?cs var:Lang.orgs.who ?></th><th scope="col"><?cs var:Lang.orgs.what ?></th><th scope="col"><?cs var:Lang.orgs.details ?></th></tr></thead>
<tbody><?cs each:a = Audit ?><tr>
<td><?cs var:a.at ?></td>
<td><?cs var:a.actor ?></td>
<td><?cs var:Lang.orgs.act[a.action] ?><?cs if:a.person ?>: <?cs var:a.person ?><?cs /if ?><?cs if:a.mandate ?> (<?cs var:Lang.orgs.mandate ?> <?cs var:a.mandate ?><?cs if:a.beneficiary ?>, <?cs var:a.beneficiary ?><?cs /if ?>)<?cs /if ?></td>
<td><?cs if:a.granted ?><?cs var:Lang.orgs.granted ?> <?cs var:a.granted ?>. <?cs /if ?><?cs if:a.taken ?><?cs var:Lang.orgs.taken ?> <?cs var:a.taken ?>. <?cs /if ?><?cs if:a.until ?><?cs var:Lang.orgs.until ?> <?cs var:a.until ?><?cs /if ?></td>
</tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs call:page_end() ?>
