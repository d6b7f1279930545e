<?cs include:"layout.cs" ?>
<?cs include:"dossiers/macros.cs" ?>
<?cs call:page_start(Lang.dossiers.title) ?>
<h1><?cs var:Lang.dossiers.title ?></h1>
<p><?cs if:Session.acting ?><?cs var:Lang.dossiers.intro_org ?><?cs else ?><?cs var:Lang.dossiers.intro ?><?cs /if ?></p>
<?cs call:mail_call() ?>
<p><a href="/forms"><?cs var:Lang.nav.forms ?></a></p>
<nav class="tabs" aria-label="<?cs var:Lang.dossiers.title ?>"><ul>
<li><?cs if:List.archived == "0" ?><span aria-current="page"><?cs var:Lang.dossiers.current ?></span><?cs else ?><a href="/dossiers"><?cs var:Lang.dossiers.current ?></a><?cs /if ?></li>
<li><?cs if:List.archived == "1" ?><span aria-current="page"><?cs var:Lang.dossiers.archived ?></span><?cs else ?><a href="/dossiers?archived=1"><?cs var:Lang.dossiers.archived ?></a><?cs /if ?></li>
</ul></nav>
<form class="filters" method="get" action="/dossiers">
<?cs if:List.archived == "1" ?><input type="hidden" name="archived" value="1"><?cs /if ?>
<div class="field"><label for="f-status"><?cs var:Lang.dossiers.filter_status ?></label>
<select id="f-status" name="status"><option value=""><?cs var:Lang.dossiers.all ?></option>
<?cs each:s = Statuses ?><option value="<?cs var:s ?>"<?cs if:s == List.status ?> selected<?cs /if ?>><?cs var:Lang.dossier.status[s] ?></option>
<?cs /each ?></select></div>
<div class="field"><label for="f-procedure"><?cs var:Lang.dossiers.filter_procedure ?></label>
<select id="f-procedure" name="procedure"><option value=""><?cs var:Lang.dossiers.all ?></option>
<?cs each:p = Procedures ?><option value="<?cs var:p.code ?>"<?cs if:p.code == List.procedure ?> selected<?cs /if ?>><?cs var:p.title ?></option>
<?cs /each ?></select></div>
<button type="submit"><?cs var:Lang.dossiers.filter ?></button>
</form>
<?cs if:List.count == 0 ?><p><?cs var:Lang.dossiers.none ?></p>
<?cs else ?><table class="dossiers">
<caption class="visually-hidden"><?cs var:Lang.dossiers.list_caption ?></caption>
<thead><tr><th scope="col"><?cs var:Lang.dossiers.reference ?></th><th scope="col"><?cs var:Lang.dossiers.procedure ?></th><th scope="col"><?cs var:Lang.dossiers.status ?></th><th scope="col"><?cs var:Lang.dossiers.updated ?></th></tr></thead>
<tbody><?cs each:d = Dossiers ?><tr>
<td><a href="/dossiers/<?cs var:d.reference ?>" class="reference"><?cs var:d.reference ?></a></td>
<td><?cs var:d.title ?></td>
<td><?cs var:Lang.dossier.status[d.status] ?><?cs if:d.waiting == "1" ?> <strong class="tag waiting"><?cs var:Lang.dossiers.waiting ?></strong><?cs /if ?><?cs if:d.unread == "1" ?> <strong class="tag"><?cs var:Lang.dossiers.unread ?></strong><?cs /if ?><?cs if:d.due ?><br><span class="small due"><?cs var:Lang.deadline.due ?> <?cs var:d.due ?></span><?cs /if ?></td>
<td><?cs var:d.updated ?></td>
</tr>
<?cs /each ?></tbody></table><?cs /if ?>
<?cs if:List.next || List.paged == "1" ?><nav class="pager" aria-label="<?cs var:Lang.dossiers.list_caption ?>"><ul>
<?cs if:List.paged == "1" ?><li><a href="/dossiers?archived=<?cs var:List.archived ?>&amp;status=<?cs var:List.status ?>&amp;procedure=<?cs var:List.procedure ?>"><?cs var:Lang.dossiers.first ?></a></li><?cs /if ?>
<?cs if:List.newer ?><li><a rel="prev" href="/dossiers?archived=<?cs var:List.archived ?>&amp;status=<?cs var:List.status ?>&amp;procedure=<?cs var:List.procedure ?>&amp;before=<?cs var:List.newer ?>"><?cs var:Lang.dossiers.newer ?></a></li><?cs /if ?>
<?cs if:List.next ?><li><a rel="next" href="/dossiers?archived=<?cs var:List.archived ?>&amp;status=<?cs var:List.status ?>&amp;procedure=<?cs var:List.procedure ?>&amp;after=<?cs var:List.next ?>"><?cs var:Lang.dossiers.older ?></a></li><?cs /if ?>
</ul></nav><?cs /if ?>
<?cs call:page_end() ?>
