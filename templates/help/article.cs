<?cs include:"layout.cs" ?>
<?cs call:page_start(Article.title) ?>
<?cs call:breadcrumb_help() ?>
<li><a href="/help/themes/<?cs var:url_escape(Article.theme) ?>"><?cs var:Article.theme_title ?></a></li>
</ol></nav>
<article>
<h1><?cs var:Article.title ?></h1>
<p class="lead"><?cs var:Article.summary ?></p>
<?cs each:b = Article.blocks ?><?cs if:subcount(b.items) > 0 ?><ul>
<?cs each:i = b.items ?><li><?cs var:i ?></li>
<?cs /each ?></ul>
<?cs else ?><p><?cs var:b.text ?></p>
<?cs /if ?><?cs /each ?>
<p class="small"><?cs var:Lang.help.updated ?> <time datetime="<?cs var:Article.updated ?>"><?cs var:Article.updated ?></time></p>
</article>
<?cs if:subcount(Related) > 0 ?>
<aside aria-labelledby="related">
<h2 id="related"><?cs var:Lang.help.related ?></h2>
<ul><?cs each:a = Related ?><li><a href="/help/articles/<?cs var:url_escape(a.slug) ?>"><?cs var:a.title ?></a></li>
<?cs /each ?></ul>
</aside>
<?cs /if ?>
<?cs call:help_search_form("") ?>
<p class="contact"><?cs var:Lang.help.not_found ?> <a href="/help/contact?theme=<?cs var:url_escape(Article.theme) ?>"><?cs var:Lang.help.contact_link ?></a></p>
<?cs call:page_end() ?>
