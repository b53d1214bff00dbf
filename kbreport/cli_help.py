"""Click classes that take every word of a help page from the text catalogue, in one language.

A command's or option's `help` is a catalogue key ("cli.run.out"), looked up when help is shown, in the
language of $KBREPORT_BAHASA (Indonesian by default), together with click's own words ("Usage:",
"Options", "[default: …]"). `Fail` is the ClickException whose "Error:" prefix follows the command's
`--bahasa`.
"""
from __future__ import annotations

import functools
import sys

import click
from click.exceptions import NoArgsIsHelpError
from kbreport.text.catalogue import env_lang, has, t

LANG_CHOICE = click.Choice(["id", "en"])


def words(text: str | None) -> str | None:
    """The catalogue entry when `text` is one of its keys, in the help language; else `text` itself."""
    return t(text, env_lang()) if isinstance(text, str) and has(text) else text


def short_help(text: str, limit: int = 45) -> str:
    """The first sentence of `text`, cut to `limit` characters with "..." (a command's line in a group's help)."""
    out: list[str] = []
    for word in text.split():
        if len(" ".join([*out, word])) > limit - (0 if word.endswith(".") else 3):
            return " ".join(out) + "..."
        out.append(word)
        if word.endswith("."):
            break
    return " ".join(out)


class Option(click.Option):
    """An option whose help and metavar come from the catalogue."""

    def get_help_record(self, ctx: click.Context) -> tuple[str, str] | None:
        if self.hidden:
            return None
        lang = env_lang()
        help_ = words(self.help) or ""
        extra = self.get_help_extra(ctx)
        items = []
        if "envvars" in extra:
            items.append(t("cli.envvar", lang, var=", ".join(extra["envvars"])))
        if "default" in extra:
            items.append(t("cli.default", lang, default=extra["default"]))
        if "range" in extra:
            items.append(extra["range"])
        if "required" in extra:
            items.append(t("cli.required", lang))
        if items:
            joined = "; ".join(items)
            help_ = f"{help_}  [{joined}]" if help_ else f"[{joined}]"
        return self.get_help_spec(ctx), help_

    def make_metavar(self, ctx: click.Context) -> str:
        if self.metavar is not None and has(f"cli.metavar.{self.metavar}"):  # a catalogue key ("file", "address")
            return t(f"cli.metavar.{self.metavar}", env_lang()) + ("..." if self.nargs != 1 else "")
        key = f"cli.metavar.{self.type.name}"
        if self.metavar is None and not self.is_flag and not isinstance(self.type, click.Choice) and has(key):
            return t(key, env_lang()) + ("..." if self.nargs != 1 else "")
        return super().make_metavar(ctx)


option = functools.partial(click.option, cls=Option)


class _Local:
    """What Command and Group share: help text, short help, usage line and section titles translated."""

    def format_help_text(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        text = words(self.help)
        if text:
            formatter.write_paragraph()
            with formatter.indentation():
                formatter.write_text(text)

    def get_short_help_str(self, limit: int = 45) -> str:
        return short_help(words(self.short_help or self.help) or "", limit)

    def format_usage(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        lang = env_lang()
        own = {"[OPTIONS]": t("cli.usage_options", lang), "COMMAND [ARGS]...": t("cli.usage_command", lang)}
        pieces = [own.get(p, p) for p in self.collect_usage_pieces(ctx)]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=t("cli.usage", lang) + " ")

    def format_options(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        opts = [rv for p in self.get_params(ctx)
                if not isinstance(p, click.Argument) and (rv := p.get_help_record(ctx)) is not None]
        if opts:
            with formatter.section(t("cli.options", env_lang())):
                formatter.write_dl(opts)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def get_help_option(self, ctx: click.Context):
        opt = super().get_help_option(ctx)
        if opt is not None:
            opt.help = t("cli.help_option", env_lang())
        return opt


class Command(_Local, click.Command):
    pass


class Group(_Local, click.Group):
    command_class = Command

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        """click's main, with its usage errors and "Error:" lines in the help language."""
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, False, **extra)
        try:
            rv = super().main(args, prog_name, complete_var, False, **extra)
        except NoArgsIsHelpError as e:  # a bare group: its help page (already translated)
            e.show()
            sys.exit(e.exit_code)
        except click.UsageError as e:
            show_usage_error(e)
            sys.exit(e.exit_code)
        except click.ClickException as e:
            if not isinstance(e, Fail):
                e = Fail(e.format_message(), env_lang())
            e.show()
            sys.exit(e.exit_code)
        except click.Abort:
            click.echo(t("cli.aborted", env_lang()), err=True)
            sys.exit(1)
        sys.exit(rv if isinstance(rv, int) else 0)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = []
        names = [n for n in self.list_commands(ctx) if (c := self.get_command(ctx, n)) and not c.hidden]
        if names:
            limit = formatter.width - 6 - max(map(len, names))
            rows = [(n, self.get_command(ctx, n).get_short_help_str(limit)) for n in names]
        if rows:
            with formatter.section(t("cli.commands", env_lang())):
                formatter.write_dl(rows)


Group.group_class = Group


def show_usage_error(e: click.UsageError) -> None:
    """The usage line, the hint to ask for help and the error, on stderr, in the help language."""
    lang = env_lang()
    message = e.format_message()
    if isinstance(e, click.NoSuchOption):
        message = t("cli.no_such_option", lang, name=e.option_name)
    elif isinstance(e, click.BadParameter) and not isinstance(e, click.MissingParameter):
        hint = e.param_hint if e.param_hint is not None else (e.param.get_error_hint(e.ctx) if e.param else None)
        if hint is not None:
            hint = " / ".join(f"'{h}'" for h in hint) if isinstance(hint, (list, tuple)) else hint
            message = t("cli.bad_value", lang, param=hint, message=e.message)
    if e.ctx is not None:
        click.echo(e.ctx.get_usage(), err=True)
        if e.ctx.command.get_help_option(e.ctx) is not None:
            names = e.ctx.command.get_help_option_names(e.ctx)
            click.echo(t("cli.try_help", lang, command=e.ctx.command_path, option=max(names, key=len)), err=True)
        click.echo(err=True)
    click.echo(t("cli.error", lang, message=message), err=True)


class Fail(click.ClickException):
    """A one-line failure in `lang`: "Galat: …" / "Error: …", exit code 1."""

    def __init__(self, message: str, lang: str = "id"):
        super().__init__(message)
        self.lang = lang

    def show(self, file=None) -> None:
        click.echo(t("cli.error", self.lang, message=self.format_message()), err=True, file=file)


def bahasa_option(help_key: str = "cli.opt.bahasa"):
    """--bahasa / --lang: the language of a command's messages (or $KBREPORT_BAHASA); Indonesian by default."""
    return option("--bahasa", "--lang", "lang", type=LANG_CHOICE, envvar="KBREPORT_BAHASA", default="id",
                  show_default=True, help=help_key)
