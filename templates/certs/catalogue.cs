<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.certs.title) ?>
<h1><?cs var:Lang.certs.title ?></h1>
<p><?cs var:Lang.certs.intro ?></p>
<?cs if:!Types.0.code ?><p><?cs var:Lang.certs.none_online ?></p>
<?cs else ?><ul class="catalogue">
<?cs each:t = Types ?><li><h2><a href="/certificates/<?cs var:t.code ?>"><?cs var:t.title ?></a></h2>
<p><?cs var:t.summary ?></p>
<p class="small"><?cs if:t.automatic == "1" ?><?cs var:Lang.certs.automatic ?><?cs else ?><?cs var:Lang.certs.checked ?><?cs /if ?> <?cs var:Lang.certs.free ?></p></li>
<?cs /each ?></ul><?cs /if ?>
<h2><?cs var:Lang.certs.mine ?></h2>
<?cs if:!Mine.0.reference ?><p><?cs var:Lang.certs.mine_none ?></p>
<?cs else ?><table>
<caption class="visually-hidden"><?cs var:Lang.certs.mine ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.certs.reference ?></th><th scope="col"><?cs var:Lang.certs.certificate ?></th><th scope="col"><?cs var:Lang.certs.status_col ?></th><th scope="col"><?cs var:Lang.certs.asked ?></th></tr></thead>
<tbody><?cs each:m = Mine ?><tr>
<td><a href="/certificates/requests/<?cs var:m.reference ?>" class="reference"><?cs var:m.reference ?></a></td>
<td><?cs var:m.title ?></td>
<td><?cs if:m.revoked == "t" ?><?cs var:Lang.certs.status.revoked ?><?cs else ?><?cs var:Lang.certs.status[m.status] ?><?cs /if ?></td>
<td><?cs var:m.created ?></td>
</tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs call:page_end() ?>
