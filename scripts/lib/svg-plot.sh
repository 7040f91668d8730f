# svg_plot: a small SVG plotter for the report scripts (bash + awk, no other dependency).
# Source this file, then pipe lines of series<TAB>x<TAB>y<TAB>err<TAB>label into
#   svg_plot TITLE XLABEL YLABEL [lines=1] [logx=1] [xcat="a b c"] > plot.svg
# y and err are fractions, drawn in %; err draws a ± bar; a non-empty label is written beside
# its point; lines=1 joins a series' points in input order; logx=1 puts x on a log2 axis;
# xcat makes x categorical (x is the 1-based position in the list).
svg_plot() {  # title xlabel ylabel [awk -v assignments...]
  local title="$1" xl="$2" yl="$3"; shift 3
  local vars=(); for v in "$@"; do vars+=(-v "$v"); done
  awk -F'\t' -v title="$title" -v xl="$xl" -v yl="$yl" "${vars[@]}" '
    { n++; s[n]=$1; x[n]=(logx ? log($2)/log(2) : $2+0); y[n]=$3*100; e[n]=$4*100; lab[n]=$5
      if (!($1 in seen)) { seen[$1]=++ns; sname[ns]=$1 }
      lo=y[n]-e[n]; hi=y[n]+e[n]
      if (n==1 || x[n]<xmin) xmin=x[n]; if (n==1 || x[n]>xmax) xmax=x[n]
      if (n==1 || lo<ymin) ymin=lo; if (n==1 || hi>ymax) ymax=hi }
    END {
      W=760; H=480; L=70; R=200; T=40; Bm=60; pw=W-L-R; ph=H-T-Bm
      nc=(xcat != "") ? split(xcat, cat, " ") : 0
      if (nc) { xmin=0.5; xmax=nc+0.5 } else {
        if (xmax==xmin) { xmax+=1; xmin-=1 }
        dx=(xmax-xmin)*0.08; xmin-=dx; xmax+=dx }
      ymin=int(ymin/5)*5-5; if (ymin<0) ymin=0; ymax=int(ymax/5)*5+5; if (ymax>100) ymax=100
      split("#1f77b4 #d62728 #2ca02c #ff7f0e #9467bd #8c564b #17becf #7f7f7f", col, " ")
      printf "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" font-family=\"sans-serif\" font-size=\"12\">\n", W, H
      printf "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n<text x=\"%d\" y=\"22\" font-size=\"14\">%s</text>\n", L, title
      printf "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>\n", L, T, pw, ph
      for (k=0; k<=4; k++) {
        gy=T+ph-ph*k/4
        printf "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n", L, gy, L+pw, gy
        printf "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%.0f</text>\n", L-6, gy+4, ymin+(ymax-ymin)*k/4
      }
      # Ticks: the categories; on a log2 axis the powers of two in range; else 5 even steps.
      nt=0
      if (nc) for (k=1; k<=nc; k++) tick[++nt]=k
      else if (logx) { for (k=int(xmin); k<=xmax; k++) if (k>=xmin) tick[++nt]=k }
      else for (k=0; k<=4; k++) tick[++nt]=xmin+(xmax-xmin)*k/4
      for (t=1; t<=nt; t++) {
        k=tick[t]; xv=k; gx=L+pw*(xv-xmin)/(xmax-xmin)
        printf "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>\n", gx, T, gx, T+ph
        if (nc) printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", gx, T+ph+16, cat[k]
        else printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%.3g</text>\n", gx, T+ph+16, (logx ? 2^xv : xv)
      }
      printf "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>\n", L+pw/2, H-16, xl
      printf "<text x=\"16\" y=\"%.1f\" transform=\"rotate(-90 16 %.1f)\" text-anchor=\"middle\">%s</text>\n", T+ph/2, T+ph/2, yl
      for (i=1; i<=n; i++) { px[i]=L+pw*(x[i]-xmin)/(xmax-xmin); py[i]=T+ph-ph*(y[i]-ymin)/(ymax-ymin); c[i]=col[(seen[s[i]]-1)%8+1] }
      for (i=1; i<=n; i++) {
        if (lines && i>1 && s[i]==s[i-1]) printf "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"1.5\"/>\n", px[i-1], py[i-1], px[i], py[i], c[i]
        ey=ph*e[i]/(ymax-ymin)
        printf "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>\n", px[i], py[i]-ey, px[i], py[i]+ey, c[i]
        printf "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4.5\" fill=\"%s\"><title>%s: %.1f%% ± %.1f</title></circle>\n", px[i], py[i], c[i], lab[i] == "" ? s[i] : lab[i], y[i], e[i]
        if (lab[i] != "") {
          # Labels of nearby points would print over each other: move a label (up in the
          # lower half of the plot, down in the upper) until it clears the ones already placed.
          lx=px[i]+7; lyy=py[i]-6; step=(py[i] > T+ph/2) ? -12 : 12
          for (moved=1; moved; ) { moved=0
            for (k=1; k<=nl; k++) if (lx < plx[k] + 6.5*length(plab[k]) && plx[k] < lx + 6.5*length(lab[i]) && (lyy-ply[k])^2 < 121) { lyy=ply[k]+step; moved=1 } }
          nl++; plx[nl]=lx; ply[nl]=lyy; plab[nl]=lab[i]
          # A label that would run past the right edge of the plot is written left of its point.
          if (lx + 6.5*length(lab[i]) > L+pw) printf "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\" text-anchor=\"end\">%s</text>\n", px[i]-7, lyy, lab[i]
          else printf "<text x=\"%.1f\" y=\"%.1f\" font-size=\"11\">%s</text>\n", lx, lyy, lab[i]
        }
      }
      ly=T+10
      for (k=1; k<=ns; k++) { printf "<circle cx=\"%d\" cy=\"%d\" r=\"5\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">%s</text>\n", L+pw+16, ly, col[(k-1)%8+1], L+pw+28, ly+4, sname[k]; ly+=18 }
      printf "<text x=\"%d\" y=\"%d\" font-size=\"11\">bars: ± 1 standard error</text>\n</svg>\n", L+pw+12, ly+8
    }'
}

