namespace Ecom.Aspire.Core.Simulation;

/// <summary>Short Portuguese review titles and comments per score (1..5), in the tone of Olist's reviews.</summary>
internal static class ReviewTexts
{
    public static readonly string[][] Titles =
    [
        ["Péssimo", "Não recomendo", "Não recebi", "Decepcionado"],
        ["Ruim", "Demorou demais", "Produto diferente"],
        ["Regular", "Razoável", "Ok"],
        ["Bom", "Gostei", "Recomendo"],
        ["Excelente", "Ótimo", "Super recomendo", "Perfeito", "Adorei"],
    ];

    public static readonly string[][] Comments =
    [
        ["Não recebi o produto até agora.", "Produto veio quebrado e ninguém responde.", "Comprei e cancelaram sem explicação.", "Péssimo atendimento, não compro mais.", "Veio errado e com defeito."],
        ["Chegou com atraso e a embalagem amassada.", "Produto de qualidade inferior ao anunciado.", "Demorou muito para chegar.", "Veio faltando uma peça."],
        ["Produto ok, mas a entrega demorou.", "Atendeu, mas esperava mais.", "Qualidade razoável pelo preço.", "Chegou, mas a cor é diferente da foto."],
        ["Produto bom, chegou no prazo.", "Gostei, recomendo.", "Bom custo-benefício.", "Entrega rápida, produto conforme anunciado."],
        ["Excelente produto, chegou antes do prazo!", "Muito bom, recomendo a loja.", "Perfeito, exatamente como na descrição.", "Adorei, entrega super rápida.", "Ótima qualidade, comprarei novamente."],
    ];
}
