# bash completion for ucplan(1): subcommands, options and their values.
# Installed by `make install` into BASHCOMPDIR (bash-completion loads it on
# first use of ucplan); to try it from the source tree: . completion/ucplan.bash
# SPDX-License-Identifier: MIT

_ucplan()
{
	local cur prev words cword
	if declare -F _init_completion >/dev/null 2>&1; then
		_init_completion -s || return
	else
		cur=${COMP_WORDS[COMP_CWORD]}
		prev=${COMP_WORDS[COMP_CWORD - 1]}
		words=("${COMP_WORDS[@]}")
		cword=$COMP_CWORD
	fi

	local commands="report check diff diagram"
	local options="--table --format --output --lang --csv-separator --no-bom --header --wide
		--site --ascii --product --edge --edge-nat --edge-public --pool-lb --director --no-director
		--mediation --um --federation --reverse-proxy --persistent-chat --office-web-apps
		--ipsec --help --version"
	local values=

	# The command word comes first (after options); then plans or reports.
	local i command=
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		report | check | diff | diagram) command=${words[i]} ;;
		esac
	done

	# --opt=value is one word for bash: complete the value part.
	if [[ $cur == --*=* ]]; then
		prev=${cur%%=*}
		cur=${cur#*=}
	fi
	case $prev in
	-t | --table) values="firewall lb ipsec programs dns certificates summary all" ;;
	-f | --format)
		if [[ $command == diagram ]]; then
			values="text dot svg png"
		else
			values="text csv xml json xlsx ps1 nft probe-ps1 probe-sh"
		fi
		;;
	--site) return ;; # a site of the plan: free text
	--lang) values="en es it zh_CN" ;;
	--csv-separator) values="comma semicolon" ;;
	--header) values="labels keys" ;;
	--product) values="lync2013 sfb2015" ;;
	--edge) values="none single scaled-dns scaled-hlb" ;;
	--pool-lb) values="dns hardware" ;;
	--mediation) values="none collocated standalone" ;;
	--um) values="none tcp tls dual" ;;
	--federation)
		# A comma list: complete the item after the last comma.
		local done_part=
		[[ $cur == *,* ]] && done_part=${cur%,*},
		COMPREPLY=($(compgen -P "$done_part" -W "sip public-im xmpp none" -- "${cur##*,}"))
		return
		;;
	-o | --output)
		COMPREPLY=($(compgen -f -- "$cur"))
		compopt -o filenames 2>/dev/null
		return
		;;
	esac
	if [[ -n $values ]]; then
		COMPREPLY=($(compgen -W "$values" -- "$cur"))
		return
	fi

	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$options" -- "$cur"))
		return
	fi

	COMPREPLY=($(compgen -f -X '!*.xml' -- "$cur") $(compgen -d -- "$cur"))
	[[ -z $command ]] && COMPREPLY+=($(compgen -W "$commands" -- "$cur"))
	compopt -o filenames 2>/dev/null
}
complete -F _ucplan ucplan
