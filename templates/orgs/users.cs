<?cs include:"layout.cs" ?><?cs include:"orgs/macros.cs" ?>
<?cs call:page_start(Lang.orgs.users) ?>
<h1><?cs var:Lang.orgs.users ?> — <?cs var:Org.name ?></h1>
<?cs call:org_nav() ?>
<?cs call:error_summary() ?>
<?cs if:Query.removed ?><p class="notice" role="status"><?cs var:Lang.orgs.removed ?></p><?cs /if ?>
<table>
<caption class="visually-hidden"><?cs var:Lang.orgs.users ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.orgs.user ?></th><th scope="col"><?cs var:Lang.orgs.roles ?></th><th scope="col"><?cs var:Lang.orgs.pro_email ?></th><th scope="col"><?cs var:Lang.orgs.granted_col ?></th><th scope="col"><?cs var:Lang.orgs.until ?></th><?cs if:Org.manager == "1" ?><th scope="col"><span class="visually-hidden"><?cs var:Lang.orgs.change ?></span></th><?cs /if ?></tr></thead>
<tbody><?cs each:u = Users ?><tr>
<td><?cs var:u.name ?><?cs if:u.manager == "t" ?> (<?cs var:Lang.orgs.role_manager ?>)<?cs /if ?></td>
<td><?cs if:u.manager == "t" ?><?cs var:Lang.orgs.all_roles ?><?cs else ?><ul><?cs each:ro = u.roles ?><li><?cs var:ro.title ?> <span class="small">(<?cs var:Lang.orgs.by ?> <?cs var:ro.by ?>, <?cs var:ro.at ?>)</span></li><?cs /each ?></ul><?cs /if ?></td>
<td><?cs var:u.email ?><?cs if:u.email && u.confirmed != "t" ?> (<?cs var:Lang.orgs.unconfirmed ?>)<?cs /if ?></td>
<td><?cs var:u.granted ?><?cs if:u.granted_by ?>, <?cs var:u.granted_by ?><?cs /if ?></td>
<td><?cs var:u.until ?></td>
<?cs if:Org.manager == "1" ?><td><a href="/org/users/<?cs var:u.id ?>"><?cs var:Lang.orgs.change ?><span class="visually-hidden"> — <?cs var:u.name ?></span></a></td><?cs /if ?>
</tr>
<?cs /each ?></tbody></table>
<?cs if:Org.manager == "1" ?><h2><?cs var:Lang.orgs.add_title ?></h2>
<form method="post" action="/org/users" novalidate>
<input type="hidden" name="<?cs var:Csrf.field ?>" value="<?cs var:Csrf.token ?>">
<?cs call:org_input("nrn", Lang.orgs.nrn, "text", Lang.orgs.nrn_hint, "number", 1) ?>
<?cs call:org_input("until", Lang.orgs.until_label, "text", Lang.orgs.date_hint, "date", 0) ?>
<button type="submit"><?cs var:Lang.orgs.add ?></button>
</form><?cs /if ?>
<?cs call:page_end() ?>
