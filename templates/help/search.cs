<?cs include:"layout.cs" ?>
<?cs call:page_start(Lang.help.search_title) ?>
<?cs call:breadcrumb_help() ?></ol></nav>
<h1><?cs var:Lang.help.search_title ?></h1>
<?cs if:Search.error ?><div class="error-summary" role="alert"><p><?cs var:Search.error ?></p></div><?cs /if ?>
<?cs call:help_search_form(Search.q) ?>
<?cs if:Search.q && !Search.error ?>
<p role="status"><?cs if:Search.count == 0 ?><?cs var:Lang.help.no_results ?> «<?cs var:Search.q ?>».<?cs else ?><?cs var:Search.count ?> <?cs var:Lang.help.results_for ?> «<?cs var:Search.q ?>».<?cs /if ?></p>
<ol class="results">
<?cs each:r = Results ?><li>
<h2><a href="/help/articles/<?cs var:url_escape(r.slug) ?>"><?cs var:r.title ?></a></h2>
<p class="small"><?cs var:r.theme ?></p>
<p><?cs var:r.summary ?></p>
</li>
<?cs /each ?></ol>
<?cs /if ?>
<p class="contact"><?cs var:Lang.help.not_found ?> <a href="/help/contact"><?cs var:Lang.help.contact_link ?></a></p>
<?cs call:page_end() ?>
