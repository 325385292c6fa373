import { BarChart, LineChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { SVGRenderer } from "echarts/renderers";
import { useEffect, useRef } from "react";

echarts.use([LineChart, BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

export interface Series {
  name: string;
  kind: "line" | "bar";
  values: (number | null)[];
  /** Rates drawn against the right axis in per cent. */
  percent?: boolean;
}

/** Xu hướng: months along the bottom, counts as bars (left axis), rates as lines (right axis). */
export default function TrendChart({
  months,
  series,
  label,
}: {
  months: string[];
  series: Series[];
  label: string;
}) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!el.current) return;
    const chart = echarts.init(el.current, undefined, { renderer: "svg" });
    chart.setOption({
      aria: { enabled: true },
      tooltip: { trigger: "axis" },
      legend: { top: 0 },
      grid: { left: 48, right: 56, top: 36, bottom: 28 },
      xAxis: { type: "category", data: months.map((m) => `${m.slice(5)}/${m.slice(2, 4)}`) },
      yAxis: [
        { type: "value", minInterval: 1 },
        { type: "value", min: 0, max: 100, axisLabel: { formatter: "{value}%" } },
      ],
      series: series.map((s) => ({
        name: s.name,
        type: s.kind,
        yAxisIndex: s.percent ? 1 : 0,
        data: s.percent ? s.values.map((v) => (v === null ? null : Math.round(v * 10_000) / 100)) : s.values,
        smooth: s.kind === "line",
        connectNulls: true,
      })),
    });
    const resize = () => chart.resize();
    window.addEventListener("resize", resize);
    return () => {
      window.removeEventListener("resize", resize);
      chart.dispose();
    };
  }, [months, series]);
  return <div ref={el} role="img" aria-label={label} style={{ width: "100%", height: 280 }} />;
}
