<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.catalogue.title) ?>
<h1><?cs var:Lang.catalogue.title ?></h1>
<p class="lead"><?cs var:Lang.catalogue.intro ?></p>
<?cs if:Catalogue.error ?><div class="error-summary" role="alert"><p><a href="#q"><?cs var:Catalogue.error ?></a></p></div><?cs /if ?>
<form class="search" role="search" action="/procedures" method="get">
<label for="q"><?cs var:Lang.catalogue.search_label ?></label>
<input type="search" id="q" name="q" value="<?cs var:Catalogue.q ?>" maxlength="100">
<label for="theme" class="visually-hidden"><?cs var:Lang.catalogue.theme_label ?></label>
<select id="theme" name="theme">
<option value=""><?cs var:Lang.catalogue.all_themes ?></option>
<?cs each:t = Themes ?><option value="<?cs var:t.code ?>"<?cs if:t.code == Catalogue.theme ?> selected<?cs /if ?>><?cs var:t.title ?></option>
<?cs /each ?></select>
<button type="submit"><?cs var:Lang.catalogue.search_button ?></button>
</form>
<?cs if:!Catalogue.error ?>
<p role="status"><?cs if:Catalogue.count == 0 ?><?cs var:Lang.catalogue.none ?><?cs else ?><?cs var:Catalogue.count ?> <?cs var:Lang.catalogue.count ?><?cs /if ?></p>
<ul class="articles">
<?cs each:p = Procedures ?><li>
<h2><a href="<?cs var:p.href ?>"><?cs var:p.title ?></a></h2>
<p class="small"><?cs var:p.family_title ?></p>
<p><?cs var:p.summary ?></p>
</li>
<?cs /each ?></ul>
<?cs /if ?>
<?cs call:page_end() ?>
