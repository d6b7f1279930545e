<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.dossiers.data_title) ?>
<h1><?cs var:Lang.dossiers.data_title ?></h1>
<p><?cs var:Lang.dossiers.data_intro ?></p>
<h2><?cs var:Lang.dossiers.profile ?></h2>
<dl class="summary">
<div class="row"><dt><?cs var:Lang.dossiers.name ?></dt><dd><?cs var:Profile.0.given_names ?> <?cs var:Profile.0.surname ?></dd></div>
<div class="row"><dt><?cs var:Lang.dossiers.nrn ?></dt><dd><?cs var:Profile.0.nrn ?></dd></div>
<div class="row"><dt><?cs var:Lang.dossiers.email ?></dt><dd><?cs if:Profile.0.email ?><?cs var:Profile.0.email ?><?cs else ?><?cs var:Lang.dossiers.email_none ?><?cs /if ?></dd></div>
<div class="row"><dt><?cs var:Lang.dossiers.lang ?></dt><dd><?cs var:Lang.langname[Profile.0.lang] ?></dd></div>
<div class="row"><dt><?cs var:Lang.dossiers.since ?></dt><dd><?cs var:Profile.0.since ?></dd></div>
</dl>
<p><a href="/account"><?cs var:Lang.account.nav ?></a></p>
<p><a href="/account/sessions"><?cs var:Lang.dossiers.sessions_link ?></a></p>

<h2><?cs var:Lang.dossiers.sources_title ?></h2>
<p><?cs var:Lang.dossiers.sources_intro ?></p>
<?cs if:!Sources.0.created ?><p><?cs var:Lang.dossiers.sources_none ?></p>
<?cs else ?><table>
<caption class="visually-hidden"><?cs var:Lang.dossiers.sources_title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.dossiers.procedure ?></th><th scope="col"><?cs var:Lang.dossiers.reference ?></th><th scope="col"><?cs var:Lang.dossiers.fields ?></th><th scope="col"><?cs var:Lang.dossiers.from ?></th></tr></thead>
<tbody><?cs each:s = Sources ?><tr>
<td><?cs var:s.title ?> <span class="small">(<?cs var:s.created ?>)</span></td>
<td><?cs if:s.reference ?><a href="/dossiers/<?cs var:s.reference ?>"><?cs var:s.reference ?></a><?cs else ?><?cs var:Lang.dossiers.draft ?><?cs /if ?></td>
<td><?cs var:s.fields ?></td>
<td><ul class="plain"><?cs if:s.register == "1" ?><li><?cs var:Lang.dossiers.source.register ?></li><?cs /if ?><?cs if:s.company == "1" ?><li><?cs var:Lang.dossiers.source.company ?></li><?cs /if ?><?cs if:s.profile == "1" ?><li><?cs var:Lang.dossiers.source.profile ?></li><?cs /if ?><?cs if:s.previous == "1" ?><li><?cs var:Lang.dossiers.source.previous ?></li><?cs /if ?></ul></td>
</tr>
<?cs /each ?></tbody></table><?cs /if ?>

<h2 id="access"><?cs if:Session.acting ?><?cs var:Lang.dossiers.access_title_org ?><?cs else ?><?cs var:Lang.dossiers.access_title ?><?cs /if ?></h2>
<p><?cs var:Lang.dossiers.access_intro ?></p>
<?cs if:!Access.0.at ?><p><?cs var:Lang.dossiers.access_none ?></p>
<?cs else ?><table>
<caption class="visually-hidden"><?cs var:Lang.dossiers.access_title ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.dossiers.when ?></th><th scope="col"><?cs var:Lang.dossiers.reference ?></th><th scope="col"><?cs var:Lang.dossiers.department ?></th><th scope="col"><?cs var:Lang.dossiers.by ?></th><th scope="col"><?cs var:Lang.dossiers.purpose_col ?></th></tr></thead>
<tbody><?cs each:a = Access ?><tr>
<td><?cs var:a.at ?></td>
<td><?cs if:a.reference ?><a href="/dossiers/<?cs var:a.reference ?>"><?cs var:a.reference ?></a><?cs /if ?></td>
<td><?cs var:a.department ?></td>
<td><?cs if:a.by == "agent" ?><?cs var:Lang.dossiers.by_agent ?><?cs else ?><?cs var:Lang.dossiers.by_application ?> « <?cs var:a.application ?> »<?cs /if ?></td>
<td><?cs if:Lang.dossiers.purpose[a.purpose] ?><?cs var:Lang.dossiers.purpose[a.purpose] ?><?cs else ?><?cs var:a.purpose ?><?cs /if ?></td>
</tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs call:page_end() ?>
