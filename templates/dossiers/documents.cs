<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.dossiers.vault_title) ?>
<h1><?cs var:Lang.dossiers.vault_title ?></h1>
<p><?cs var:Lang.dossiers.vault_intro ?></p>
<?cs if:Kiosk ?><p class="notice"><?cs var:Lang.kiosk.no_download ?></p><?cs /if ?>
<?cs if:!Documents.0.id ?><p><?cs var:Lang.dossiers.vault_none ?></p>
<?cs else ?><table>
<caption class="visually-hidden"><?cs var:Lang.dossiers.vault_title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.dossiers.document ?></th><th scope="col"><?cs var:Lang.dossiers.kind_col ?></th><th scope="col"><?cs var:Lang.dossiers.issuer ?></th><th scope="col"><?cs var:Lang.dossiers.issued ?></th><th scope="col"><?cs var:Lang.dossiers.reference ?></th></tr></thead>
<tbody><?cs each:d = Documents ?><tr>
<td><?cs if:Kiosk ?><?cs var:d.title ?><?cs else ?><a href="/documents/<?cs var:d.id ?>" download><?cs var:d.title ?></a><?cs /if ?> <span class="small">(<?cs var:d.filename ?>, <?cs var:d.kb ?> <?cs var:Lang.dossiers.kb ?>)</span><?cs if:d.code ?><br><span class="small"><?cs var:Lang.verify.code_short ?> <a href="/verify/<?cs var:d.code ?>"><?cs var:d.code ?></a></span><?cs /if ?><?cs if:d.revoked ?><br><strong><?cs var:Lang.verify.revoked_on ?> <?cs var:d.revoked ?></strong> — <?cs var:d.revoked_reason ?><?cs /if ?></td>
<td><?cs var:Lang.dossiers.kind[d.kind] ?></td>
<td><?cs var:d.issuer ?></td>
<td><?cs var:d.issued ?></td>
<td><?cs if:d.reference ?><a href="/dossiers/<?cs var:d.reference ?>"><?cs var:d.reference ?></a><?cs /if ?></td>
</tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs call:page_end() ?>
