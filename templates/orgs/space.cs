<?cs include:"layout.cs" ?><?cs include:"orgs/macros.cs" ?>
<?cs call:page_start(Org.name) ?>
<h1><?cs var:Org.name ?></h1>
<?cs call:org_nav() ?>
<?cs if:Query.confirmed ?><p class="notice" role="status"><?cs var:Lang.orgs.email_confirmed ?></p><?cs /if ?>
<dl>
<dt><?cs var:Lang.login.bce ?></dt><dd><?cs var:Org.bce ?></dd>
<?cs if:Org.legal_form ?><dt><?cs var:Lang.orgs.legal_form ?></dt><dd><?cs var:Org.legal_form ?></dd><?cs /if ?>
<dt><?cs var:Lang.orgs.address ?></dt><dd><?cs var:Org.address ?></dd>
<dt><?cs var:Lang.orgs.acting_as ?></dt><dd><?cs if:Org.mandate == "1" ?><?cs var:Lang.orgs.through_mandate ?> <?cs var:Lang.orgs.of ?> <?cs var:Org.via ?> (<?cs var:Lang.orgs.until ?> <?cs var:Org.mandate_until ?>)<?cs elif:Org.manager == "1" ?><?cs var:Lang.orgs.role_manager ?><?cs else ?><?cs var:Lang.orgs.role_user ?><?cs /if ?></dd>
<?cs if:Org.mandate != "1" ?><dt><?cs var:Lang.orgs.pro_email ?></dt><dd><?cs if:Org.pro_email ?><?cs var:Org.pro_email ?><?cs else ?><a href="/org/email"><?cs var:Lang.orgs.email_confirm_link ?></a><?cs /if ?></dd><?cs /if ?>
</dl>
<h2><?cs var:Lang.orgs.my_roles ?></h2>
<ul><?cs each:f = Families ?><?cs if:f.held == "1" ?><li><?cs var:f.title ?></li><?cs /if ?><?cs /each ?></ul>
<h2><?cs var:Lang.orgs.work ?></h2>
<?cs if:!Dossiers.0.id ?><p><?cs var:Lang.orgs.work_none ?></p>
<?cs else ?><table>
<caption class="visually-hidden"><?cs var:Lang.orgs.work ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.dossiers.reference ?></th><th scope="col"><?cs var:Lang.orgs.procedure ?></th><th scope="col"><?cs var:Lang.orgs.status ?></th><th scope="col"><?cs var:Lang.orgs.by ?></th><th scope="col"><?cs var:Lang.orgs.changed ?></th></tr></thead>
<tbody><?cs each:d = Dossiers ?><tr>
<td><?cs if:d.reference ?><a href="/dossiers/<?cs var:d.reference ?>"><?cs var:d.reference ?></a><?cs else ?><a href="/forms/<?cs var:d.id ?>/summary"><?cs var:Lang.orgs.draft ?> <?cs var:d.id ?></a><?cs /if ?></td>
<td><?cs var:d.title ?></td>
<td><?cs var:Lang.orgs.st[d.status] ?><?cs if:d.waiting == "t" ?> — <?cs var:Lang.orgs.waiting ?><?cs /if ?></td>
<td><?cs var:d.by ?></td>
<td><?cs var:d.updated ?></td>
</tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs call:page_end() ?>
