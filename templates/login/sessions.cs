<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.session.my_sessions) ?>
<h1><?cs var:Lang.session.my_sessions ?></h1>
<p><?cs var:Lang.session.intro ?></p>
<table>
<caption class="visually-hidden"><?cs var:Lang.session.my_sessions ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.session.started ?></th><th scope="col"><?cs var:Lang.session.last_seen ?></th><th scope="col"><?cs var:Lang.session.method ?></th><th scope="col"><?cs var:Lang.session.device ?></th><th scope="col"><span class="visually-hidden"><?cs var:Lang.session.action ?></span></th></tr></thead>
<tbody>
<?cs each:s = Sessions ?><tr>
<td><?cs var:s.created ?></td>
<td><?cs var:s.seen ?><?cs if:s.current ?> <strong>(<?cs var:Lang.session.this_one ?>)</strong><?cs /if ?></td>
<td><?cs if:s.method == "eid" ?><?cs var:Lang.session.by_eid ?><?cs elif:s.method == "oidc" ?><?cs var:Lang.session.by_oidc ?><?cs else ?><?cs var:Lang.session.by_code ?><?cs /if ?></td>
<td><?cs if:s.kiosk ?><?cs var:Lang.session.kiosk ?> — <?cs /if ?><?cs var:s.agent ?> <?cs var:s.ip ?></td>
<td><form method="post" action="/account/sessions/<?cs var:s.id ?>/end"><input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>"><button type="submit"><?cs var:Lang.session.end ?><span class="visually-hidden"> <?cs var:s.created ?></span></button></form></td>
</tr>
<?cs /each ?></tbody>
</table>
<?cs call:page_end() ?>
